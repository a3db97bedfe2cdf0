from django.urls import path

from . import views

app_name = "transfers"
urlpatterns = [
    path("", views.TransferListView.as_view(), name="transfer_list"),
    path("new/", views.TransferCreateView.as_view(), name="transfer_create"),
    path("<int:pk>/", views.TransferDetailView.as_view(), name="transfer_detail"),
    path("<int:pk>/edit/", views.TransferUpdateView.as_view(), name="transfer_edit"),
    path("<int:pk>/delete/", views.TransferDeleteView.as_view(), name="transfer_delete"),
]
