from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("", views.MajorDecisionListView.as_view(), name="decision_list"),
    path("<int:pk>/", views.MajorDecisionDetailView.as_view(), name="decision_detail"),
]
