"""REST API: every ledger under /api/, token or session authentication, OpenAPI at /api/schema/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from dangjian.decisions.api import MajorDecisionViewSet
from dangjian.development.api import DevelopmentCaseViewSet
from dangjian.organizations.api import MemberViewSet, OrganizationViewSet
from dangjian.orglife.api import AttendanceViewSet, OrgLifeEventViewSet
from dangjian.outreach.api import ServiceActivityViewSet
from dangjian.rectification.api import RectificationItemViewSet

router = DefaultRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("members", MemberViewSet, basename="member")
router.register("events", OrgLifeEventViewSet, basename="event")
router.register("attendances", AttendanceViewSet, basename="attendance")
router.register("development-cases", DevelopmentCaseViewSet, basename="developmentcase")
router.register("rectification-items", RectificationItemViewSet, basename="rectificationitem")
router.register("decisions", MajorDecisionViewSet, basename="majordecision")
router.register("service-activities", ServiceActivityViewSet, basename="serviceactivity")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
