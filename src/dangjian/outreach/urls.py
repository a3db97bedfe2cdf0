from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("", views.ServiceActivityListView.as_view(), name="activity_list"),
    path("<int:pk>/", views.ServiceActivityDetailView.as_view(), name="activity_detail"),
]
