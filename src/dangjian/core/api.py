"""The API's base: the same scoping as the pages, applied once here for every ledger endpoint."""

from __future__ import annotations

from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from .scoping import CHANGE, VIEW
from .versioning import StaleRecord, is_versioned, save_if_current, version_token


class StillReferenced(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _(
        "不能删除：仍有其他台账记录引用它（例如参会记录、党员或下级组织），请先处理这些记录。"
    )
    default_code = "protected"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("记录已被他人修改，请重新读取后再提交。")
    default_code = "stale"


def _if_match(request) -> str:
    """The version the client edited, from ``If-Match: "<etag>"`` (weak prefix tolerated)."""
    value = request.headers.get("If-Match", "").strip()
    if value.startswith("W/"):
        value = value[2:]
    return "" if value == "*" else value.strip('"')


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

    # Optimistic concurrency: GET gives the row's version as an ETag; a PUT/PATCH/DELETE that sends
    # it back in If-Match is refused with 412 when someone else has saved the row since.
    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        headers = {"ETag": f'"{version_token(instance)}"'} if is_versioned(instance) else {}
        return Response(self.get_serializer(instance).data, headers=headers)

    def perform_update(self, serializer):
        try:
            save_if_current(serializer.instance, _if_match(self.request), serializer.save)
            self._saved_instance = serializer.instance
        except StaleRecord as stale:
            raise PreconditionFailed(stale.message) from None

    def perform_destroy(self, instance):
        try:
            save_if_current(instance, _if_match(self.request), instance.delete)
        except StaleRecord as stale:
            raise PreconditionFailed(stale.message) from None
        except (ProtectedError, RestrictedError):
            raise StillReferenced() from None

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        instance = getattr(self, "_saved_instance", None)
        if instance is not None and is_versioned(instance):
            response["ETag"] = f'"{version_token(instance)}"'
        return response


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


class InScopeMemberField(serializers.SlugRelatedField):
    """A member referred to by 党员编号, which the caller must be allowed to change."""

    default_error_messages = {
        "does_not_exist": _("党员编号“{value}”不存在或不在您的管理范围内。"),
        "invalid": _("党员编号无效。"),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="member_no", **kwargs)

    def get_queryset(self):
        from dangjian.organizations.models import Member

        request = self.context.get("request")
        if request is None:
            return Member.objects.none()
        return Member.objects.visible_to(request.user, CHANGE)


class ModelCleanSerializerMixin:
    """Runs the model's own ``clean()`` on the values a request would save, so that the API refuses
    what the page's form and the workbook import refuse, with the model's message (one rule, one
    place). For ``ModelSerializer`` subclasses of models without many-to-many fields."""

    def validate(self, attrs):
        import copy

        from django.core.exceptions import ValidationError as DjangoValidationError

        attrs = super().validate(attrs)
        instance = copy.copy(self.instance) if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            setattr(instance, name, value)
        try:
            instance.clean()
        except DjangoValidationError as exc:
            detail = (
                exc.message_dict
                if hasattr(exc, "error_dict")
                else {"non_field_errors": exc.messages}
            )
            raise serializers.ValidationError(detail) from None
        return attrs


class InScopeCodeField(serializers.SlugRelatedField):
    """A ledger row referred to by its ``code``, which the caller must be allowed to change.
    Subclasses name the ``model`` (and may word the error)."""

    model = None
    default_error_messages = {
        "does_not_exist": _("编号“{value}”不存在或不在您的管理范围内。"),
        "invalid": _("编号无效。"),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.model.objects.none()
        return self.model.objects.visible_to(request.user, CHANGE)
