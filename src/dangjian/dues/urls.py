from django.urls import path

from . import views

app_name = "dues"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("pay/", views.pay, name="pay"),
    path("arrears/", views.arrears, name="arrears"),
    path("bases/", views.DuesBaseListView.as_view(), name="base_list"),
    path("bases/new/", views.DuesBaseCreateView.as_view(), name="base_create"),
    path("bases/<int:pk>/edit/", views.DuesBaseUpdateView.as_view(), name="base_edit"),
    path("bases/<int:pk>/delete/", views.DuesBaseDeleteView.as_view(), name="base_delete"),
]
