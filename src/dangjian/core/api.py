"""The API's base: the same scoping as the pages, applied once here for every ledger endpoint."""

from __future__ import annotations

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
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


class InScopeCodeField(serializers.SlugRelatedField):
    """A row referred to by its code (``slug_field``), which must exist *and* be one the caller may
    change. Both failures give the same message, so the API does not tell whether a code exists
    outside the caller's scope. Name the ``model`` as an argument or a subclass attribute; ``noun``
    words the message (“党员编号“X”不存在或不在您的管理范围内。”)."""

    model = None
    default_error_messages = {
        "does_not_exist": _("编号“{value}”不存在或不在您的管理范围内。"),
        "invalid": _("编号无效。"),
    }

    def __init__(self, model=None, slug_field: str = "code", noun=None, **kwargs):
        if model is not None:
            self.model = model
        super().__init__(slug_field=slug_field, **kwargs)
        if noun is not None:
            self.error_messages["does_not_exist"] = _(
                "%(noun)s“{value}”不存在或不在您的管理范围内。"
            ) % {"noun": noun}
            self.error_messages["invalid"] = _("%(noun)s无效。") % {"noun": noun}

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.model.objects.none()
        return self.model.objects.visible_to(request.user, CHANGE)


class LedgerSerializer(serializers.ModelSerializer):
    """A ledger endpoint's serializer: the model's own validation, as the page applies it.

    After the fields are read, the row as it would be saved (the stored row with the request's
    values on top, for PATCH) goes through ``full_clean``: normalised values (身份证号), the
    plausible-date rule, the checks between fields and uniqueness on the normalised values. A
    problem is a 400 naming the field, with the same Chinese message as the form's.
    """

    def run_validation(self, data=serializers.empty):
        # After the fields and any validate() of the subclass: this cannot be skipped by a
        # validate() that does not call super().
        attrs = super().run_validation(data)
        if not isinstance(attrs, dict):
            return attrs
        return self.validate_model(attrs)

    def validate_model(self, attrs):
        model = self.Meta.model
        stored = isinstance(self.instance, model)
        row = copy.copy(self.instance) if stored else model()
        concrete = {field.name: field for field in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(row, name, value)
        sent = {name for name in attrs if name in concrete}
        # Emptiness is the serializer's field rule (some codes are given on save when blank).
        checked = {name for name in sent if attrs[name] not in (None, "")}
        exclude = [name for name in concrete if name not in checked]
        try:
            row.full_clean(exclude=exclude, validate_constraints=False)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(_drf_errors(exc)) from None
        for name in sent:  # normalised texts (e.g. 身份证号) are what is stored
            if isinstance(attrs[name], str):
                attrs[name] = getattr(row, name)
        return attrs


def _drf_errors(exc: DjangoValidationError) -> dict:
    from rest_framework.settings import api_settings

    if not hasattr(exc, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): messages
        for name, messages in exc.message_dict.items()
    }
