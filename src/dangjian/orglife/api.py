from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dangjian.core.api import (
    InScopeCodeField,
    InScopeOrganizationField,
    LedgerSerializer,
    ScopedViewSet,
)
from dangjian.organizations.models import Member

from .models import Attendance, OrgLifeEvent


class RuleWarningSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    rule = serializers.CharField()


class _EventListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        # One query for the rule settings of every organisation on the page, not one per row.
        from dangjian.compliance.overrides import rule_configs_for

        items = list(data.all() if hasattr(data, "all") else data)
        orgs = {event.organization_id: event.organization for event in items}
        self.child.context["rule_configs"] = rule_configs_for(orgs.values())
        return super().to_representation(items)


class OrgLifeEventSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()
    rule_warnings = serializers.SerializerMethodField(
        help_text="与规则不一致之处（仅提示，不阻止保存），如主题党日未在固定日举行"
    )

    class Meta:
        model = OrgLifeEvent
        fields = [
            "id",
            "code",
            "organization",
            "event_type",
            "date",
            "topic",
            "host",
            "lecturer",
            "location",
            "duration_hours",
            "rule_warnings",
        ]
        list_serializer_class = _EventListSerializer

    @extend_schema_field(RuleWarningSerializer(many=True))
    def get_rule_warnings(self, event) -> list[dict]:
        config = self.context.get("rule_configs", {}).get(event.organization_id)
        return [
            {"code": v.code, "message": v.message, "rule": v.rule}
            for v in event.rule_violations(config)
        ]


class AttendanceSerializer(LedgerSerializer):
    event = InScopeCodeField(model=OrgLifeEvent, noun=_("活动编号"))
    member = InScopeCodeField(model=Member, slug_field="member_no", noun=_("党员编号"))

    class Meta:
        model = Attendance
        fields = ["id", "event", "member", "status", "makeup_on"]

    def validate(self, attrs):
        from .services import attendance_candidates

        request = self.context["request"]
        event = attrs.get("event") or self.instance.event
        member = attrs.get("member") or self.instance.member
        # The attendance sheet's rule: a member of the event's organisation (subtree).
        if not attendance_candidates(event, user=request.user).filter(pk=member.pk).exists():
            raise serializers.ValidationError(
                {
                    "member": _("党员编号“%(no)s”不是该活动所在组织的党员，不能登记出勤。")
                    % {"no": member.member_no}
                }
            )
        return attrs


class OrgLifeEventViewSet(ScopedViewSet):
    queryset = OrgLifeEvent.objects.all()
    serializer_class = OrgLifeEventSerializer
    related = ("organization",)
    filterset_fields = {
        "event_type": ["exact"],
        "date": ["gte", "lte"],
        "organization__code": ["exact"],
    }


class AttendanceViewSet(ScopedViewSet):
    queryset = Attendance.objects.all()
    serializer_class = AttendanceSerializer
    related = ("event", "member")
    filterset_fields = ["status", "event__code", "member__member_no"]
