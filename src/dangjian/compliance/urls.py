from django.urls import path

from . import views

app_name = "compliance"
urlpatterns = [
    path("", views.due, name="due"),
    path("calendar/", views.calendar, name="calendar"),
    path("rules/", views.rule_settings, name="rules"),
]
