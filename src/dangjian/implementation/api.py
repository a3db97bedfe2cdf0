from rest_framework import serializers

from dangjian.core.api import (
    InScopeCodeField,
    InScopeOrganizationField,
    LedgerSerializer,
    ScopedViewSet,
)

from . import progress
from .models import CheckIn, Instruction, Measure, MeasureStatus


class InstructionField(InScopeCodeField):
    model = Instruction


class MeasureField(InScopeCodeField):
    model = Measure


class InstructionSerializer(LedgerSerializer):
    organization = InScopeOrganizationField()
    progress = serializers.SerializerMethodField(label="落实进度(%)")

    class Meta:
        model = Instruction
        exclude = ["created_at", "updated_at"]

    def get_progress(self, instruction) -> float | None:
        rollups = self.context.get("rollups")
        rollup = rollups.get(instruction.pk) if rollups is not None else None
        if rollup is None:
            rollup = progress.rollups([instruction.pk])[instruction.pk]
        return None if rollup.progress is None else float(rollup.progress)


class MeasureSerializer(LedgerSerializer):
    instruction = InstructionField()
    is_overdue = serializers.SerializerMethodField(label="是否逾期")

    class Meta:
        model = Measure
        exclude = ["created_at", "updated_at"]

    def get_is_overdue(self, measure) -> bool:
        return measure.is_overdue()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        status = attrs.get(
            "status", self.instance.status if self.instance else MeasureStatus.NOT_STARTED
        )
        completed = attrs.get("completed_on", self.instance.completed_on if self.instance else None)
        if status == MeasureStatus.DONE and not completed:
            raise serializers.ValidationError({"completed_on": "状态为“已完成”时须填写完成日期。"})
        return attrs


class CheckInSerializer(LedgerSerializer):
    measure = MeasureField()
    progress = serializers.IntegerField(min_value=0, max_value=100, label="进度(%)")

    class Meta:
        model = CheckIn
        exclude = ["created_at", "updated_at", "evidence_file"]
        read_only_fields = ["evidence_file_name"]


class InstructionViewSet(ScopedViewSet):
    queryset = Instruction.objects.all()
    serializer_class = InstructionSerializer
    related = ("organization",)
    filterset_fields = ["kind", "organization__code"]

    def list(self, request, *args, **kwargs):
        # Progress of the whole page in one query (see progress.rollups).
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        context = self.get_serializer_context() | {
            "rollups": progress.rollups([r.pk for r in rows])
        }
        data = InstructionSerializer(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else self._response(data)

    def _response(self, data):
        from rest_framework.response import Response

        return Response(data)


class MeasureViewSet(ScopedViewSet):
    queryset = Measure.objects.all()
    serializer_class = MeasureSerializer
    related = ("instruction",)
    filterset_fields = ["status", "instruction__code"]


class CheckInViewSet(ScopedViewSet):
    queryset = CheckIn.objects.all()
    serializer_class = CheckInSerializer
    related = ("measure",)
    filterset_fields = ["kind", "measure__code"]
