from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, LedgerSerializer, ScopedViewSet

from .models import Member, Organization, parent_problem, top_level_problem


class OrganizationSerializer(LedgerSerializer):
    parent = InScopeOrganizationField(required=False, allow_null=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "org_type",
            "parent",
            "founded_on",
            "last_election_on",
            "term_years",
            "depth",
        ]
        read_only_fields = ["depth"]

    def validate(self, attrs):
        """Where the organisation sits in the tree: the model's rules, as the page applies them."""
        attrs = super().validate(attrs)
        if self.instance is None or "parent" in attrs:
            parent = attrs.get("parent")
            parent_id = parent.pk if parent is not None else None
            request = self.context.get("request")
            problem = top_level_problem(getattr(request, "user", None), parent_id)
            if problem is None and self.instance is not None:
                problem = parent_problem(self.instance, parent_id)
            if problem:
                raise serializers.ValidationError({"parent": problem})
        return attrs


class MemberSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()
    # Sensitive personal information: written in full, read back masked.
    id_number = serializers.CharField(write_only=True, required=False, allow_blank=True)
    id_number_masked = serializers.CharField(read_only=True)
    phone = serializers.CharField(write_only=True, required=False, allow_blank=True)
    phone_masked = serializers.CharField(read_only=True)

    class Meta:
        model = Member
        fields = [
            "id",
            "member_no",
            "name",
            "organization",
            "category",
            "gender",
            "birth_date",
            "id_number",
            "id_number_masked",
            "joined_on",
            "full_member_on",
            "department",
            "admin_post",
            "title",
            "party_post",
            "phone",
            "phone_masked",
            "employment_status",
            "is_dual_leader",
        ]


class OrganizationViewSet(ScopedViewSet):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    related = ("parent",)
    filterset_fields = ["org_type", "code"]


class MemberViewSet(ScopedViewSet):
    queryset = Member.objects.all()
    serializer_class = MemberSerializer
    related = ("organization",)
    filterset_fields = ["category", "organization__code", "employment_status", "is_dual_leader"]
