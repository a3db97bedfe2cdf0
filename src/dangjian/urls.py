from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve as serve_media

from dangjian.core import account_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/password_change/",
        account_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("accounts/logout-everywhere/", account_views.logout_everywhere, name="logout_everywhere"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("dangjian.web.urls")),
    path("organizations/", include("dangjian.organizations.urls")),
    path("orglife/", include("dangjian.orglife.urls")),
    path("development/", include("dangjian.development.urls")),
    path("rectification/", include("dangjian.rectification.urls")),
    path("decisions/", include("dangjian.decisions.urls")),
    path("implementation/", include("dangjian.implementation.urls")),
    path("integrity/", include("dangjian.integrity.urls")),
    path("outreach/", include("dangjian.outreach.urls")),
    path("evaluations/", include("dangjian.evaluations.urls")),
    path("transfers/", include("dangjian.transfers.urls")),
    path("recognition/", include("dangjian.recognition.urls")),
    path("indicators/", include("dangjian.indicators.urls")),
    path("compliance/", include("dangjian.compliance.urls")),
    path("dues/", include("dangjian.dues.urls")),
    path("problems/", include("dangjian.problems.urls")),
    path("workplans/", include("dangjian.workplans.urls")),
    path("workbook/", include("dangjian.workbook.urls")),
    path("reports/", include("dangjian.reports.urls")),
    path("factcheck/", include("dangjian.factcheck.urls")),
    path("audit/", include("dangjian.core.urls")),
    path("api/", include("dangjian.api_urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve_media, {"document_root": settings.MEDIA_ROOT})]
