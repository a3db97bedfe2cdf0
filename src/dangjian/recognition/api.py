from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, LedgerSerializer, ScopedViewSet
from dangjian.transfers.api import InScopeMemberField

from .models import DualCultivation, Honour, PartyBrand, honour_member_rule


class HonourSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()
    member = InScopeMemberField(required=False, allow_null=True)

    class Meta:
        model = Honour
        exclude = ["created_at", "updated_at"]

    def validate(self, attrs):
        kind = attrs.get("kind", getattr(self.instance, "kind", None))
        member = attrs.get("member", getattr(self.instance, "member", None))
        rule = honour_member_rule(kind, member is not None)
        if rule == "forbidden":
            raise serializers.ValidationError(
                {"member": "“先进党组织”表彰的是组织，不填受表彰党员。"}
            )
        if rule == "required":
            raise serializers.ValidationError({"member": "个人表彰须填写受表彰党员的党员编号。"})
        return attrs


class HonourViewSet(ScopedViewSet):
    queryset = Honour.objects.all()
    serializer_class = HonourSerializer
    related = ("organization", "member")
    filterset_fields = ["kind", "level", "year", "organization__code"]


class PartyBrandSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = PartyBrand
        exclude = ["created_at", "updated_at"]


class PartyBrandViewSet(ScopedViewSet):
    queryset = PartyBrand.objects.all()
    serializer_class = PartyBrandSerializer
    related = ("organization",)
    filterset_fields = ["kind", "year", "organization__code"]


class DualCultivationSerializer(LedgerSerializer):
    member = InScopeMemberField()

    class Meta:
        model = DualCultivation
        exclude = ["created_at", "updated_at"]
        validators = []  # the unique (member, kind) pair is checked below with a Chinese message

    def validate(self, attrs):
        member = attrs.get("member", getattr(self.instance, "member", None))
        kind = attrs.get("kind", getattr(self.instance, "kind", None))
        clash = DualCultivation.objects.filter(member=member, kind=kind)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError(
                {"kind": "该党员已有此培养类型的记录，每种培养类型每人只记一次。"}
            )
        return attrs


class DualCultivationViewSet(ScopedViewSet):
    queryset = DualCultivation.objects.all()
    serializer_class = DualCultivationSerializer
    related = ("member",)
    filterset_fields = ["kind", "member__member_no"]
