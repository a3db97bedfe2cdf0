from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Problem


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ("code", "year", "organization", "source", "area")
    list_filter = ("year", "source", "area")
    list_select_related = True
