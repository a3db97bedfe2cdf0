from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, LedgerSerializer, ScopedViewSet

from . import services
from .models import RectificationItem, RectificationStatus


class RectificationItemSerializer(LedgerSerializer):
    """Marking an item 已完成 here is a sign-off (销号) with the page's rules: the caller must be a
    党委管理员 or the item's branch secretary, and the item must carry evidence."""

    organization = InScopeOrganizationField()
    is_overdue = serializers.SerializerMethodField(label="是否逾期")

    class Meta:
        model = RectificationItem
        exclude = ["created_at", "updated_at", "evidence_file"]
        read_only_fields = [
            "signed_off_by",
            "signer",
            "sign_off_level",
            "signed_off_on",
            "evidence_file_name",
        ]

    def get_is_overdue(self, item) -> bool:
        return item.is_overdue()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance
        status = attrs.get(
            "status", instance.status if instance else RectificationStatus.IN_PROGRESS
        )
        already = instance is not None and instance.is_done and instance.signed_off_on
        if status == RectificationStatus.DONE and not already:
            evidence = attrs.get("evidence", instance.evidence if instance else "")
            has_file = bool(instance and instance.evidence_file)
            if not (evidence or "").strip() and not has_file:
                raise serializers.ValidationError({"evidence": services.NO_EVIDENCE})
            organization = attrs.get("organization", instance.organization if instance else None)
            if services.sign_off_level(self.context["request"].user, organization) is None:
                raise serializers.ValidationError({"status": services.NOT_ALLOWED})
            if not attrs.get("completed_on", instance.completed_on if instance else None):
                raise serializers.ValidationError(
                    {"completed_on": "状态为“已完成”时须填写完成日期。"}
                )
        return attrs

    def _signed(self, item):
        if item.status == RectificationStatus.DONE:
            if not item.signed_off_on:
                services.record_sign_off(item=item, user=self.context["request"].user)
        else:
            services.clear_sign_off(item)
        return item

    def create(self, validated_data):
        item = RectificationItem(**validated_data)
        self._signed(item)
        item.save()
        return item

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        self._signed(instance)
        instance.save()
        return instance


class RectificationItemViewSet(ScopedViewSet):
    queryset = RectificationItem.objects.all()
    serializer_class = RectificationItemSerializer
    related = ("organization",)
    filterset_fields = ["status", "source", "kind", "organization__code"]
