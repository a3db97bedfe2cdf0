from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, ScopedViewSet

from .models import DevelopmentCase


class DevelopmentCaseSerializer(serializers.ModelSerializer):
    organization = InScopeOrganizationField()
    id_number = serializers.CharField(write_only=True)
    id_number_masked = serializers.CharField(read_only=True)

    class Meta:
        model = DevelopmentCase
        exclude = ["created_at", "updated_at"]


class DevelopmentCaseViewSet(ScopedViewSet):
    queryset = DevelopmentCase.objects.all()
    serializer_class = DevelopmentCaseSerializer
    related = ("organization",)
    filterset_fields = ["name", "applied_on", "organization__code"]
