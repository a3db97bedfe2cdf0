from dangjian.core.api import InScopeOrganizationField, LedgerSerializer, ScopedViewSet

from .models import WorkPlanItem


class WorkPlanItemSerializer(LedgerSerializer):
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
