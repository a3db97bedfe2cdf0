from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DualCultivation, Honour, PartyBrand


@admin.register(Honour)
class HonourAdmin(SimpleHistoryAdmin):
    list_select_related = True
    list_display = ("code", "year", "kind", "level", "organization", "member")


@admin.register(PartyBrand)
class PartyBrandAdmin(SimpleHistoryAdmin):
    list_select_related = True
    list_display = ("code", "kind", "name", "organization", "year")


@admin.register(DualCultivation)
class DualCultivationAdmin(SimpleHistoryAdmin):
    list_select_related = True
    list_display = ("member", "kind", "date")
