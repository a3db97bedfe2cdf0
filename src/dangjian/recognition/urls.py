from django.urls import path

from . import views

app_name = "recognition"
urlpatterns = [
    path("", views.HonourListView.as_view(), name="honour_list"),
    path("new/", views.HonourCreateView.as_view(), name="honour_create"),
    path("<int:pk>/", views.HonourDetailView.as_view(), name="honour_detail"),
    path("<int:pk>/edit/", views.HonourUpdateView.as_view(), name="honour_edit"),
    path("<int:pk>/delete/", views.HonourDeleteView.as_view(), name="honour_delete"),
    path("brands/", views.PartyBrandListView.as_view(), name="brand_list"),
    path("brands/new/", views.PartyBrandCreateView.as_view(), name="brand_create"),
    path("brands/<int:pk>/", views.PartyBrandDetailView.as_view(), name="brand_detail"),
    path("brands/<int:pk>/edit/", views.PartyBrandUpdateView.as_view(), name="brand_edit"),
    path("brands/<int:pk>/delete/", views.PartyBrandDeleteView.as_view(), name="brand_delete"),
    path("cultivation/", views.DualCultivationListView.as_view(), name="cultivation_list"),
    path("cultivation/new/", views.DualCultivationCreateView.as_view(), name="cultivation_create"),
    path(
        "cultivation/<int:pk>/",
        views.DualCultivationDetailView.as_view(),
        name="cultivation_detail",
    ),
    path(
        "cultivation/<int:pk>/edit/",
        views.DualCultivationUpdateView.as_view(),
        name="cultivation_edit",
    ),
    path(
        "cultivation/<int:pk>/delete/",
        views.DualCultivationDeleteView.as_view(),
        name="cultivation_delete",
    ),
]
