from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, LedgerSerializer, ScopedViewSet

from .models import Indicator, IndicatorValue, OpinionEvent, indicator_name_problem


class IndicatorValueSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = IndicatorValue
        exclude = ["created_at", "updated_at"]

    def validate(self, attrs):
        name = attrs.get("indicator", getattr(self.instance, "indicator", None))
        units = dict(Indicator.objects.values_list("name", "unit"))
        problem = indicator_name_problem(name, units)
        if problem:
            raise serializers.ValidationError({"indicator": problem})
        if not attrs.get("unit", getattr(self.instance, "unit", "")):
            attrs["unit"] = units[name]
        return attrs


class IndicatorValueViewSet(ScopedViewSet):
    queryset = IndicatorValue.objects.all()
    serializer_class = IndicatorValueSerializer
    related = ("organization",)
    filterset_fields = ["indicator", "year", "period", "organization__code"]


class OpinionEventSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = OpinionEvent
        exclude = ["created_at", "updated_at"]

    def validate(self, attrs):
        day = attrs.get("date", getattr(self.instance, "date", None))
        handled = attrs.get("handled_on", getattr(self.instance, "handled_on", None))
        if day and handled and handled < day:
            raise serializers.ValidationError({"handled_on": "处置完成日期不能早于发现日期。"})
        return attrs


class OpinionEventViewSet(ScopedViewSet):
    queryset = OpinionEvent.objects.all()
    serializer_class = OpinionEventSerializer
    related = ("organization",)
    filterset_fields = ["source", "organization__code"]
