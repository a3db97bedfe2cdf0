from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BranchAssessment,
    EthicsRecord,
    MemberEvaluation,
    PointAdjustment,
    PointRule,
    PointTotal,
    SecretaryReview,
    ServiceParticipation,
)

for model in (
    BranchAssessment,
    EthicsRecord,
    MemberEvaluation,
    PointAdjustment,
    SecretaryReview,
    ServiceParticipation,
):
    admin.site.register(model, SimpleHistoryAdmin, list_select_related=True)


@admin.register(PointRule)
class PointRuleAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "points")


@admin.register(PointTotal)
class PointTotalAdmin(admin.ModelAdmin):
    list_display = ("member", "year", "total")
    list_select_related = True
    readonly_fields = [f.name for f in PointTotal._meta.fields]
