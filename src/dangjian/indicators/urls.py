from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.IndicatorValueListView.as_view(), name="value_list"),
    path("new/", views.IndicatorValueCreateView.as_view(), name="value_create"),
    path("<int:pk>/", views.IndicatorValueDetailView.as_view(), name="value_detail"),
    path("<int:pk>/edit/", views.IndicatorValueUpdateView.as_view(), name="value_edit"),
    path("<int:pk>/delete/", views.IndicatorValueDeleteView.as_view(), name="value_delete"),
    path("opinion/", views.OpinionEventListView.as_view(), name="opinion_list"),
    path("opinion/new/", views.OpinionEventCreateView.as_view(), name="opinion_create"),
    path("opinion/<int:pk>/", views.OpinionEventDetailView.as_view(), name="opinion_detail"),
    path("opinion/<int:pk>/edit/", views.OpinionEventUpdateView.as_view(), name="opinion_edit"),
    path("opinion/<int:pk>/delete/", views.OpinionEventDeleteView.as_view(), name="opinion_delete"),
]
