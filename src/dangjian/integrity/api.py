from rest_framework import permissions

from dangjian.core.api import (
    InScopeOrganizationField,
    LedgerSerializer,
    ScopedPermission,
    ScopedViewSet,
)
from dangjian.core.scoping import is_party_admin

from .models import IntegrityEducation, Responsibility, Violation


class ResponsibilitySerializer(LedgerSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = Responsibility
        exclude = ["created_at", "updated_at"]


class IntegrityEducationSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = IntegrityEducation
        exclude = ["created_at", "updated_at"]


class ViolationSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = Violation
        exclude = ["created_at", "updated_at"]


class ResponsibilityViewSet(ScopedViewSet):
    queryset = Responsibility.objects.all()
    serializer_class = ResponsibilitySerializer
    related = ("organization",)
    filterset_fields = ["kind", "year", "organization__code"]


class IntegrityEducationViewSet(ScopedViewSet):
    queryset = IntegrityEducation.objects.all()
    serializer_class = IntegrityEducationSerializer
    related = ("organization",)
    filterset_fields = ["kind", "organization__code"]


class PartyAdminOnly(permissions.BasePermission):
    message = "违纪违规记录仅党委管理员可以查看。"

    def has_permission(self, request, view) -> bool:
        return is_party_admin(request.user)


class ViolationViewSet(ScopedViewSet):
    """违纪违规: 党委管理员 only, reading and writing (403 for everyone else)."""

    queryset = Violation.objects.all()
    serializer_class = ViolationSerializer
    permission_classes = [ScopedPermission, PartyAdminOnly]
    related = ("organization",)
    filterset_fields = ["organization__code"]
