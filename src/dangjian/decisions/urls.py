from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("", views.MajorDecisionListView.as_view(), name="decision_list"),
    path("new/", views.MajorDecisionCreateView.as_view(), name="decision_create"),
    path("<int:pk>/", views.MajorDecisionDetailView.as_view(), name="decision_detail"),
    path("<int:pk>/edit/", views.MajorDecisionUpdateView.as_view(), name="decision_edit"),
    path("<int:pk>/delete/", views.MajorDecisionDeleteView.as_view(), name="decision_delete"),
]
