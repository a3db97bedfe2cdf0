from django.urls import path

from . import views

app_name = "rectification"
urlpatterns = [
    path("", views.RectificationItemListView.as_view(), name="item_list"),
    path("new/", views.RectificationItemCreateView.as_view(), name="item_create"),
    path("export.xlsx", views.lists_export, name="lists_export"),
    path("<int:pk>/", views.RectificationItemDetailView.as_view(), name="item_detail"),
    path("<int:pk>/edit/", views.RectificationItemUpdateView.as_view(), name="item_edit"),
    path("<int:pk>/delete/", views.RectificationItemDeleteView.as_view(), name="item_delete"),
    path("<int:pk>/close/", views.item_close, name="item_close"),
    path("<int:pk>/reopen/", views.item_reopen, name="item_reopen"),
    path("<int:pk>/evidence/", views.item_evidence, name="item_evidence"),
]
