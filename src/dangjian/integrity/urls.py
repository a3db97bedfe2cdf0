from django.urls import path

from . import views

app_name = "integrity"
urlpatterns = [
    path("letters/", views.ResponsibilityListView.as_view(), name="letter_list"),
    path("letters/new/", views.ResponsibilityCreateView.as_view(), name="letter_create"),
    path("letters/<int:pk>/", views.ResponsibilityDetailView.as_view(), name="letter_detail"),
    path("letters/<int:pk>/edit/", views.ResponsibilityUpdateView.as_view(), name="letter_edit"),
    path(
        "letters/<int:pk>/delete/", views.ResponsibilityDeleteView.as_view(), name="letter_delete"
    ),
    path("education/", views.IntegrityEducationListView.as_view(), name="education_list"),
    path("education/new/", views.IntegrityEducationCreateView.as_view(), name="education_create"),
    path(
        "education/<int:pk>/", views.IntegrityEducationDetailView.as_view(), name="education_detail"
    ),
    path(
        "education/<int:pk>/edit/",
        views.IntegrityEducationUpdateView.as_view(),
        name="education_edit",
    ),
    path(
        "education/<int:pk>/delete/",
        views.IntegrityEducationDeleteView.as_view(),
        name="education_delete",
    ),
    path("violations/", views.ViolationListView.as_view(), name="violation_list"),
    path("violations/new/", views.ViolationCreateView.as_view(), name="violation_create"),
    path("violations/<int:pk>/", views.ViolationDetailView.as_view(), name="violation_detail"),
    path("violations/<int:pk>/edit/", views.ViolationUpdateView.as_view(), name="violation_edit"),
    path(
        "violations/<int:pk>/delete/", views.ViolationDeleteView.as_view(), name="violation_delete"
    ),
]
