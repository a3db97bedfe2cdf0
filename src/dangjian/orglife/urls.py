from django.urls import path

from . import views

app_name = "orglife"
urlpatterns = [
    path("", views.OrgLifeEventListView.as_view(), name="event_list"),
    path("<int:pk>/", views.OrgLifeEventDetailView.as_view(), name="event_detail"),
]
