from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("", views.ServiceActivityListView.as_view(), name="activity_list"),
    path("new/", views.ServiceActivityCreateView.as_view(), name="activity_create"),
    path("<int:pk>/", views.ServiceActivityDetailView.as_view(), name="activity_detail"),
    path("<int:pk>/edit/", views.ServiceActivityUpdateView.as_view(), name="activity_edit"),
    path("<int:pk>/delete/", views.ServiceActivityDeleteView.as_view(), name="activity_delete"),
]
