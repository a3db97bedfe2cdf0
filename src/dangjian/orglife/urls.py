from django.urls import path

from . import views

app_name = "orglife"
urlpatterns = [
    path("", views.OrgLifeEventListView.as_view(), name="event_list"),
    path("new/", views.OrgLifeEventCreateView.as_view(), name="event_create"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<int:pk>.ics", views.calendar_feed, name="calendar_feed"),
    path("<int:pk>/", views.OrgLifeEventDetailView.as_view(), name="event_detail"),
    path("<int:pk>/edit/", views.OrgLifeEventUpdateView.as_view(), name="event_edit"),
    path("<int:pk>/delete/", views.OrgLifeEventDeleteView.as_view(), name="event_delete"),
    path("<int:pk>/attendance/", views.attendance, name="event_attendance"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
]
