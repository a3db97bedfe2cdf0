from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_tree, name="tree"),
    path("<int:pk>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("members/", views.MemberListView.as_view(), name="member_list"),
    path("members/<int:pk>/", views.MemberDetailView.as_view(), name="member_detail"),
]
