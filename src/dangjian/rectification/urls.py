from django.urls import path

from . import views

app_name = "rectification"
urlpatterns = [
    path("", views.RectificationItemListView.as_view(), name="item_list"),
    path("<int:pk>/", views.RectificationItemDetailView.as_view(), name="item_detail"),
]
