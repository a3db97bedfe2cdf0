from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Transfer


@admin.register(Transfer)
class TransferAdmin(SimpleHistoryAdmin):
    list_select_related = True
    list_display = ("code", "date", "kind", "member", "from_org", "to_org")
    # Transfers move members: they are recorded and removed through the pages (services).
    readonly_fields = ("member", "kind", "from_org", "to_org")
