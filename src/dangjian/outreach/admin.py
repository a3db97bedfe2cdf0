from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ServiceActivity


@admin.register(ServiceActivity)
class ServiceActivityAdmin(SimpleHistoryAdmin):
    list_select_related = True
