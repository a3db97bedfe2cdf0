from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, LedgerSerializer, ScopedViewSet
from dangjian.core.scoping import VIEW

from . import services
from .models import DevelopmentCase


class VisibleMemberField(serializers.SlugRelatedField):
    """A member referred to by 党员编号, among those the caller can read."""

    default_error_messages = {
        "does_not_exist": _("党员编号“{value}”不存在或不在您的查看范围内。"),
        "invalid": _("党员编号无效。"),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="member_no", **kwargs)

    def get_queryset(self):
        from dangjian.organizations.models import Member

        request = self.context.get("request")
        if request is None:
            return Member.objects.none()
        return Member.objects.visible_to(request.user, VIEW)


class DevelopmentCaseSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()
    id_number = serializers.CharField(write_only=True)
    id_number_masked = serializers.CharField(read_only=True)
    introducer_members = VisibleMemberField(many=True, required=False)
    current_step = serializers.SerializerMethodField()
    conversion_status = serializers.SerializerMethodField()
    violations = serializers.SerializerMethodField()

    class Meta:
        model = DevelopmentCase
        exclude = ["created_at", "updated_at"]

    def get_current_step(self, case) -> int | None:
        current = case.current_step
        return current.number if current else None

    def get_conversion_status(self, case) -> str | None:
        status = case.conversion_status
        return status.value if status is not None else None

    def get_violations(self, case) -> list[dict]:
        return [
            {"code": v.code, "severity": v.severity, "message": v.message, "rule": v.rule}
            for v in case.violations
        ]

    def validate(self, attrs):
        """The same check as the page form: ``services.problems`` around ``rules.check_development``."""
        instance = self.instance
        values = services.values_of(instance) if instance is not None else {}
        for name in [*services.MODEL_FIELDS.values(), "id_number", "introducers"]:
            if name in attrs:
                values[name] = attrs[name]
        if "introducer_members" in attrs:
            members = attrs["introducer_members"]
        else:
            members = services.linked_introducers(instance) if instance is not None else None
        errors: dict[str, list[str]] = {}
        for field, text in services.future_dates(values, services.today()):
            errors.setdefault(field, []).append(text)
        before = services.dates_of(instance) if instance is not None else None
        refused, _warnings = services.problems(
            before,
            services.case_dates(values, members),
            special_reason=attrs.get(
                "approval_delay_reason", getattr(instance, "approval_delay_reason", "")
            ),
        )
        for violation in refused:
            field = (
                "introducers"
                if violation.field == "introducer_count"
                else (services.MODEL_FIELDS.get(violation.field or "", "non_field_errors"))
            )
            errors.setdefault(field, []).append(services.message(violation))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class DevelopmentCaseViewSet(ScopedViewSet):
    queryset = DevelopmentCase.objects.all()
    serializer_class = DevelopmentCaseSerializer
    related = ("organization",)
    filterset_fields = ["name", "applied_on", "organization__code"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("introducer_members")
