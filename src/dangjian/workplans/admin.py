from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import WorkPlanItem


@admin.register(WorkPlanItem)
class WorkPlanItemAdmin(SimpleHistoryAdmin):
    list_display = ("code", "year", "organization", "area", "owner", "deadline")
    list_filter = ("year", "area")
    list_select_related = True
