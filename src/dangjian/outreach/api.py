from dangjian.core.api import InScopeOrganizationField, LedgerSerializer, ScopedViewSet

from .models import ServiceActivity


class ServiceActivitySerializer(LedgerSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = ServiceActivity
        exclude = ["created_at", "updated_at"]


class ServiceActivityViewSet(ScopedViewSet):
    queryset = ServiceActivity.objects.all()
    serializer_class = ServiceActivitySerializer
    related = ("organization",)
    filterset_fields = ["activity_type", "organization__code"]
