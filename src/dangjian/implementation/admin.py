from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CheckIn, Instruction, Measure


@admin.register(Instruction)
class InstructionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "kind", "title", "issued_on", "organization")
    list_select_related = True


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ("code", "instruction", "owner", "deadline", "status")
    list_select_related = True


@admin.register(CheckIn)
class CheckInAdmin(SimpleHistoryAdmin):
    list_display = ("measure", "kind", "date", "progress")
    list_select_related = True
