from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import IntegrityEducation, Responsibility, Violation


@admin.register(Responsibility)
class ResponsibilityAdmin(SimpleHistoryAdmin):
    list_display = ("code", "year", "kind", "organization", "signer", "signed_on")
    list_select_related = True


@admin.register(IntegrityEducation)
class IntegrityEducationAdmin(SimpleHistoryAdmin):
    list_display = ("code", "kind", "date", "organization", "topic", "participants")
    list_select_related = True


@admin.register(Violation)
class ViolationAdmin(SimpleHistoryAdmin):
    """The Django admin is for 党委管理员 and superusers only (see core.admin_site / is_party_admin)."""

    list_display = ("code", "found_on", "organization", "person")
    list_select_related = True

    def get_queryset(self, request):
        return Violation.objects.visible_to(request.user).select_related("organization")
