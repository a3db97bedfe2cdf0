"""The API's base: the same scoping as the pages, applied once here for every ledger endpoint."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers, viewsets

from .scoping import CHANGE, VIEW


class ScopedPermission(permissions.BasePermission):
    """Reading needs a scope; writing needs a scope that may change (支部书记 or 党委管理员)."""

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        from .scoping import scope_for

        return scope_for(request.user).can_change


class ScopedViewSet(viewsets.ModelViewSet):
    """A ledger endpoint: names its model, serializer and filterset; scoping happens here."""

    permission_classes = [ScopedPermission]
    related: tuple[str, ...] = ()

    def get_queryset(self):
        action = VIEW if self.request.method in permissions.SAFE_METHODS else CHANGE
        queryset = self.queryset.model.objects.visible_to(self.request.user, action)
        if self.related:
            queryset = queryset.select_related(*self.related)
        return queryset.order_by("pk")


class InScopeOrganizationField(serializers.SlugRelatedField):
    """An organisation referred to by its 组织编码, which the caller must be allowed to change."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self):
        from dangjian.organizations.models import Organization

        request = self.context.get("request")
        if request is None:
            return Organization.objects.none()
        return Organization.objects.visible_to(request.user, CHANGE)

    default_error_messages = {
        "does_not_exist": _("组织编码“{value}”不存在或不在您的管理范围内。"),
        "invalid": _("组织编码无效。"),
    }
