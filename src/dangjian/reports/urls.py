from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("annual/", views.annual, name="annual"),
    path("annual/figure/", views.figure, name="figure"),
]
