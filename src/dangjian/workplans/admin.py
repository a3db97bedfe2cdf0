from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import WorkPlanItem


@admin.register(WorkPlanItem)
class WorkPlanItemAdmin(SimpleHistoryAdmin):
    list_display = ("code", "year", "organization", "area", "owner", "deadline")
    list_filter = ("year", "area")
    list_select_related = True

    def get_queryset(self, request):
        # The admin is one more way in: it passes through the same scope as the pages and the API.
        return WorkPlanItem.objects.visible_to(request.user).select_related("organization")
