from django.urls import path

from . import views

app_name = "workplans"
urlpatterns = [
    path("", views.WorkPlanItemListView.as_view(), name="item_list"),
    path("new/", views.WorkPlanItemCreateView.as_view(), name="item_create"),
    path("<int:pk>/", views.WorkPlanItemDetailView.as_view(), name="item_detail"),
    path("<int:pk>/edit/", views.WorkPlanItemUpdateView.as_view(), name="item_edit"),
    path("<int:pk>/delete/", views.WorkPlanItemDeleteView.as_view(), name="item_delete"),
]
