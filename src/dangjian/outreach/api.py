from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, ScopedViewSet

from .models import ServiceActivity


class ServiceActivitySerializer(serializers.ModelSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = ServiceActivity
        exclude = ["created_at", "updated_at"]


class ServiceActivityViewSet(ScopedViewSet):
    queryset = ServiceActivity.objects.all()
    serializer_class = ServiceActivitySerializer
    related = ("organization",)
    filterset_fields = ["activity_type", "organization__code"]
