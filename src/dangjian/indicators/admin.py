from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator, IndicatorValue, OpinionEvent


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "sort_order", "active")
    list_editable = ("unit", "sort_order", "active")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_select_related = True
    list_display = ("code", "organization", "indicator", "year", "period", "value", "unit")


@admin.register(OpinionEvent)
class OpinionEventAdmin(SimpleHistoryAdmin):
    list_select_related = True
    list_display = ("code", "date", "organization", "source", "handled_on")
