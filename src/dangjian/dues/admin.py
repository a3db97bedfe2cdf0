from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DuesBase, DuesPayment


@admin.register(DuesBase)
class DuesBaseAdmin(SimpleHistoryAdmin):
    list_select_related = True


@admin.register(DuesPayment)
class DuesPaymentAdmin(SimpleHistoryAdmin):
    list_select_related = True
