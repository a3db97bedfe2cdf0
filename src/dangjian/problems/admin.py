from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Problem


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ("code", "year", "organization", "source", "area")
    list_filter = ("year", "source", "area")
    list_select_related = True

    def get_queryset(self, request):
        # The admin is one more way in: it passes through the same scope as the pages and the API.
        return Problem.objects.visible_to(request.user).select_related(
            "organization", "rectification"
        )
