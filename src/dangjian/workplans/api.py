from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, ModelCleanSerializerMixin, ScopedViewSet

from .models import WorkPlanItem


class WorkPlanItemSerializer(ModelCleanSerializerMixin, serializers.ModelSerializer):
    """工作要点; ``organization`` by its 组织编码. The rules are the model's."""

    organization = InScopeOrganizationField()

    class Meta:
        model = WorkPlanItem
        exclude = ["created_at", "updated_at"]


class WorkPlanItemViewSet(ScopedViewSet):
    queryset = WorkPlanItem.objects.all()
    serializer_class = WorkPlanItemSerializer
    related = ("organization",)
    filterset_fields = ["year", "area", "organization__code"]
