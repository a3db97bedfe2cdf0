from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import RectificationItem


@admin.register(RectificationItem)
class RectificationItemAdmin(SimpleHistoryAdmin):
    list_select_related = True
