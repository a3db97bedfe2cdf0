from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_tree, name="tree"),
    path("elections/", views.elections, name="elections"),
    path("new/", views.OrganizationCreateView.as_view(), name="organization_create"),
    path("<int:pk>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("<int:pk>/edit/", views.OrganizationUpdateView.as_view(), name="organization_edit"),
    path("<int:pk>/delete/", views.OrganizationDeleteView.as_view(), name="organization_delete"),
    path("members/", views.MemberListView.as_view(), name="member_list"),
    path("members/new/", views.MemberCreateView.as_view(), name="member_create"),
    path("members/<int:pk>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("members/<int:pk>/edit/", views.MemberUpdateView.as_view(), name="member_edit"),
    path("members/<int:pk>/delete/", views.MemberDeleteView.as_view(), name="member_delete"),
]
