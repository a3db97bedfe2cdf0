from rest_framework import serializers

from dangjian.core.api import InScopeOrganizationField, ScopedViewSet

from .models import RectificationItem


class RectificationItemSerializer(serializers.ModelSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = RectificationItem
        exclude = ["created_at", "updated_at"]


class RectificationItemViewSet(ScopedViewSet):
    queryset = RectificationItem.objects.all()
    serializer_class = RectificationItemSerializer
    related = ("organization",)
    filterset_fields = ["status", "source", "organization__code"]
