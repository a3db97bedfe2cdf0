from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("", views.ServiceActivityListView.as_view(), name="activity_list"),
    path("new/", views.ServiceActivityCreateView.as_view(), name="activity_create"),
    path("<int:pk>/", views.ServiceActivityDetailView.as_view(), name="activity_detail"),
    path("<int:pk>/edit/", views.ServiceActivityUpdateView.as_view(), name="activity_edit"),
    path("<int:pk>/delete/", views.ServiceActivityDeleteView.as_view(), name="activity_delete"),
    path("participations/", views.ParticipationListView.as_view(), name="participation_list"),
    path(
        "participations/new/", views.ParticipationCreateView.as_view(), name="participation_create"
    ),
    path(
        "participations/<int:pk>/",
        views.ParticipationDetailView.as_view(),
        name="participation_detail",
    ),
    path(
        "participations/<int:pk>/edit/",
        views.ParticipationUpdateView.as_view(),
        name="participation_edit",
    ),
    path(
        "participations/<int:pk>/delete/",
        views.ParticipationDeleteView.as_view(),
        name="participation_delete",
    ),
]
