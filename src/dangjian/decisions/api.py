from rest_framework import serializers

from dangjian import rules
from dangjian.core.api import InScopeOrganizationField, LedgerSerializer, ScopedViewSet

from .models import MajorDecision


class MajorDecisionSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()
    has_quorum = serializers.BooleanField(read_only=True, allow_null=True)
    violations = serializers.SerializerMethodField()

    class Meta:
        model = MajorDecision
        exclude = ["created_at", "updated_at"]

    def get_violations(self, decision) -> list[dict]:
        """Quorum and 前置研究 problems, each with the rule (recorded as they happened, flagged)."""
        return [
            {"code": v.code, "severity": v.severity, "message": v.message, "rule": v.rule}
            for v in decision.violations
        ]

    def validate(self, attrs):
        """Counts that cannot be (实到 more than 应到) are refused by ``rules.check_decision``."""

        def value(name):
            return attrs.get(name, getattr(self.instance, name, None))

        category, due, present = value("category"), value("members_due"), value("members_present")
        if category:
            for violation in rules.check_decision(category, due, present):
                if violation.code == "decision.present_exceeds_due":
                    raise serializers.ValidationError(
                        {"members_present": f"{violation.message}（{violation.rule}）"}
                    )
        return attrs


class MajorDecisionViewSet(ScopedViewSet):
    queryset = MajorDecision.objects.all()
    serializer_class = MajorDecisionSerializer
    related = ("organization",)
    filterset_fields = ["category", "organization__code"]
