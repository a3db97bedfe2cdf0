from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, OrgLifeEvent


@admin.register(OrgLifeEvent)
class OrgLifeEventAdmin(SimpleHistoryAdmin):
    list_select_related = True


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_select_related = True
