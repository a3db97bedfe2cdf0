from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, ScopedViewSet

from .models import MajorDecision


class MajorDecisionSerializer(serializers.ModelSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = MajorDecision
        exclude = ["created_at", "updated_at"]


class MajorDecisionViewSet(ScopedViewSet):
    queryset = MajorDecision.objects.all()
    serializer_class = MajorDecisionSerializer
    related = ("organization",)
    filterset_fields = ["category", "organization__code"]
