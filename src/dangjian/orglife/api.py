from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, ScopedViewSet

from .models import Attendance, OrgLifeEvent


class OrgLifeEventSerializer(serializers.ModelSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = OrgLifeEvent
        fields = ["id", "code", "organization", "event_type", "date", "topic", "host", "lecturer", "location", "duration_hours"]


class AttendanceSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="code", queryset=OrgLifeEvent.objects.all())
    member = serializers.SlugRelatedField(slug_field="member_no", queryset=Attendance.member.field.related_model.objects.all())

    class Meta:
        model = Attendance
        fields = ["id", "event", "member", "status", "makeup_on"]

    def validate(self, attrs):
        from dangjian.core.scoping import CHANGE

        request = self.context["request"]
        event = attrs.get("event") or self.instance.event
        if not OrgLifeEvent.objects.visible_to(request.user, CHANGE).filter(pk=event.pk).exists():
            raise serializers.ValidationError({"event": "该活动不在您的管理范围内。"})
        return attrs


class OrgLifeEventViewSet(ScopedViewSet):
    queryset = OrgLifeEvent.objects.all()
    serializer_class = OrgLifeEventSerializer
    related = ("organization",)
    filterset_fields = {"event_type": ["exact"], "date": ["gte", "lte"], "organization__code": ["exact"]}


class AttendanceViewSet(ScopedViewSet):
    queryset = Attendance.objects.all()
    serializer_class = AttendanceSerializer
    related = ("event", "member")
    filterset_fields = ["status", "event__code", "member__member_no"]
