"""REST API: every ledger under /api/, token or session authentication, OpenAPI at /api/schema/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from dangjian.decisions.api import MajorDecisionViewSet
from dangjian.development.api import DevelopmentCaseViewSet
from dangjian.dues.api import DuesBaseViewSet, DuesPaymentViewSet
from dangjian.evaluations.api import (
    BranchAssessmentViewSet,
    EthicsRecordViewSet,
    MemberEvaluationViewSet,
    PointAdjustmentViewSet,
    PointTotalViewSet,
    SecretaryReviewViewSet,
    ServiceParticipationViewSet,
)
from dangjian.implementation.api import CheckInViewSet, InstructionViewSet, MeasureViewSet
from dangjian.indicators.api import IndicatorValueViewSet, OpinionEventViewSet
from dangjian.integrity.api import (
    IntegrityEducationViewSet,
    ResponsibilityViewSet,
    ViolationViewSet,
)
from dangjian.organizations.api import MemberViewSet, OrganizationViewSet
from dangjian.orglife.api import AttendanceViewSet, OrgLifeEventViewSet
from dangjian.outreach.api import ServiceActivityViewSet
from dangjian.problems.api import ProblemViewSet
from dangjian.recognition.api import DualCultivationViewSet, HonourViewSet, PartyBrandViewSet
from dangjian.rectification.api import RectificationItemViewSet
from dangjian.transfers.api import TransferViewSet
from dangjian.workplans.api import WorkPlanItemViewSet

router = DefaultRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("members", MemberViewSet, basename="member")
router.register("events", OrgLifeEventViewSet, basename="event")
router.register("attendances", AttendanceViewSet, basename="attendance")
router.register("development-cases", DevelopmentCaseViewSet, basename="developmentcase")
router.register("rectification-items", RectificationItemViewSet, basename="rectificationitem")
router.register("decisions", MajorDecisionViewSet, basename="majordecision")
router.register("service-activities", ServiceActivityViewSet, basename="serviceactivity")
router.register("dues-bases", DuesBaseViewSet, basename="duesbase")
router.register("dues-payments", DuesPaymentViewSet, basename="duespayment")
router.register("transfers", TransferViewSet, basename="transfer")
router.register("honours", HonourViewSet, basename="honour")
router.register("party-brands", PartyBrandViewSet, basename="partybrand")
router.register("dual-cultivations", DualCultivationViewSet, basename="dualcultivation")
router.register("indicator-values", IndicatorValueViewSet, basename="indicatorvalue")
router.register("opinion-events", OpinionEventViewSet, basename="opinionevent")
router.register("instructions", InstructionViewSet, basename="instruction")
router.register("measures", MeasureViewSet, basename="measure")
router.register("checkins", CheckInViewSet, basename="checkin")
router.register("responsibility-letters", ResponsibilityViewSet, basename="responsibility")
router.register("integrity-education", IntegrityEducationViewSet, basename="integrityeducation")
router.register("violations", ViolationViewSet, basename="violation")
router.register("member-evaluations", MemberEvaluationViewSet, basename="memberevaluation")
router.register("secretary-reviews", SecretaryReviewViewSet, basename="secretaryreview")
router.register("branch-assessments", BranchAssessmentViewSet, basename="branchassessment")
router.register("ethics-records", EthicsRecordViewSet, basename="ethicsrecord")
router.register("point-adjustments", PointAdjustmentViewSet, basename="pointadjustment")
router.register("point-totals", PointTotalViewSet, basename="pointtotal")
router.register(
    "service-participations", ServiceParticipationViewSet, basename="serviceparticipation"
)
router.register("problems", ProblemViewSet, basename="problem")
router.register("work-plan-items", WorkPlanItemViewSet, basename="workplanitem")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
