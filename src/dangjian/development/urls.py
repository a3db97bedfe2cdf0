from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("", views.DevelopmentCaseListView.as_view(), name="case_list"),
    path("<int:pk>/", views.DevelopmentCaseDetailView.as_view(), name="case_detail"),
]
