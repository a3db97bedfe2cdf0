from django.urls import path

from . import views

app_name = "factcheck"
urlpatterns = [
    path("", views.check, name="check"),
    path("save/", views.save_prior, name="save_prior"),
]
