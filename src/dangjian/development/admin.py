from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DevelopmentCase


@admin.register(DevelopmentCase)
class DevelopmentCaseAdmin(SimpleHistoryAdmin):
    list_select_related = True
