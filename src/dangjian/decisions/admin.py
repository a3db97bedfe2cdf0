from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import MajorDecision


@admin.register(MajorDecision)
class MajorDecisionAdmin(SimpleHistoryAdmin):
    list_select_related = True
