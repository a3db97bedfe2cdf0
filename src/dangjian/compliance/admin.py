from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ReminderSent, RuleOverride


@admin.register(RuleOverride)
class RuleOverrideAdmin(SimpleHistoryAdmin):
    list_display = ("organization", "key", "value", "changed_by", "updated_at")
    list_select_related = True
    search_fields = ("organization__name", "organization__code", "key")


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """Read only: the record that keeps reminders from being sent twice."""

    list_display = ("kind", "subject_key", "due", "email", "sent_at")
    list_filter = ("kind",)
    search_fields = ("subject_key", "email")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
