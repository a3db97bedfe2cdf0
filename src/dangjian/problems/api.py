from rest_framework import serializers

from dangjian.core.api import (
    InScopeCodeField,
    InScopeOrganizationField,
    ModelCleanSerializerMixin,
    ScopedViewSet,
)
from dangjian.rectification.models import RectificationItem

from .models import Problem


class RectificationCodeField(InScopeCodeField):
    model = RectificationItem
    default_error_messages = {
        "does_not_exist": "整改事项“{value}”不存在或不在您的管理范围内。",
        "invalid": "整改事项编号无效。",
    }


class ProblemSerializer(ModelCleanSerializerMixin, serializers.ModelSerializer):
    """查摆问题; ``organization`` and ``rectification`` by their codes. The rules are the model's."""

    organization = InScopeOrganizationField()
    rectification = RectificationCodeField(required=False, allow_null=True)
    is_settled = serializers.BooleanField(read_only=True, label="是否已整改")

    class Meta:
        model = Problem
        exclude = ["created_at", "updated_at"]


class ProblemViewSet(ScopedViewSet):
    queryset = Problem.objects.all()
    serializer_class = ProblemSerializer
    related = ("organization", "rectification")
    filterset_fields = ["year", "source", "area", "organization__code"]
