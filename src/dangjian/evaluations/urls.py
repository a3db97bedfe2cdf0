from django.urls import path

from . import views

app_name = "evaluations"
urlpatterns = [
    path("members/", views.MemberEvaluationListView.as_view(), name="member_evaluation_list"),
    path(
        "members/new/", views.MemberEvaluationCreateView.as_view(), name="member_evaluation_create"
    ),
    path(
        "members/<int:pk>/",
        views.MemberEvaluationDetailView.as_view(),
        name="member_evaluation_detail",
    ),
    path(
        "members/<int:pk>/edit/",
        views.MemberEvaluationUpdateView.as_view(),
        name="member_evaluation_edit",
    ),
    path(
        "members/<int:pk>/delete/",
        views.MemberEvaluationDeleteView.as_view(),
        name="member_evaluation_delete",
    ),
    path("secretaries/", views.SecretaryReviewListView.as_view(), name="secretary_review_list"),
    path(
        "secretaries/new/",
        views.SecretaryReviewCreateView.as_view(),
        name="secretary_review_create",
    ),
    path(
        "secretaries/<int:pk>/",
        views.SecretaryReviewDetailView.as_view(),
        name="secretary_review_detail",
    ),
    path(
        "secretaries/<int:pk>/edit/",
        views.SecretaryReviewUpdateView.as_view(),
        name="secretary_review_edit",
    ),
    path(
        "secretaries/<int:pk>/delete/",
        views.SecretaryReviewDeleteView.as_view(),
        name="secretary_review_delete",
    ),
    path("branches/", views.BranchAssessmentListView.as_view(), name="branch_assessment_list"),
    path(
        "branches/new/", views.BranchAssessmentCreateView.as_view(), name="branch_assessment_create"
    ),
    path(
        "branches/<int:pk>/",
        views.BranchAssessmentDetailView.as_view(),
        name="branch_assessment_detail",
    ),
    path(
        "branches/<int:pk>/edit/",
        views.BranchAssessmentUpdateView.as_view(),
        name="branch_assessment_edit",
    ),
    path(
        "branches/<int:pk>/delete/",
        views.BranchAssessmentDeleteView.as_view(),
        name="branch_assessment_delete",
    ),
    path("ethics/", views.EthicsRecordListView.as_view(), name="ethics_record_list"),
    path("ethics/new/", views.EthicsRecordCreateView.as_view(), name="ethics_record_create"),
    path("ethics/export/", views.ethics_export, name="ethics_export"),
    path("ethics/<int:pk>/", views.EthicsRecordDetailView.as_view(), name="ethics_record_detail"),
    path(
        "ethics/<int:pk>/edit/", views.EthicsRecordUpdateView.as_view(), name="ethics_record_edit"
    ),
    path(
        "ethics/<int:pk>/delete/",
        views.EthicsRecordDeleteView.as_view(),
        name="ethics_record_delete",
    ),
    path("points/", views.points_summary, name="points_summary"),
    path("points/member/<int:pk>/", views.member_points, name="member_points"),
    path("points/adjustments/", views.PointAdjustmentListView.as_view(), name="adjustment_list"),
    path(
        "points/adjustments/new/",
        views.PointAdjustmentCreateView.as_view(),
        name="adjustment_create",
    ),
    path(
        "points/adjustments/<int:pk>/",
        views.PointAdjustmentDetailView.as_view(),
        name="adjustment_detail",
    ),
    path(
        "points/adjustments/<int:pk>/edit/",
        views.PointAdjustmentUpdateView.as_view(),
        name="adjustment_edit",
    ),
    path(
        "points/adjustments/<int:pk>/delete/",
        views.PointAdjustmentDeleteView.as_view(),
        name="adjustment_delete",
    ),
]
