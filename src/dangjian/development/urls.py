from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("", views.DevelopmentCaseListView.as_view(), name="case_list"),
    path("new/", views.DevelopmentCaseCreateView.as_view(), name="case_create"),
    path("<int:pk>/", views.DevelopmentCaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/edit/", views.DevelopmentCaseUpdateView.as_view(), name="case_edit"),
    path("<int:pk>/delete/", views.DevelopmentCaseDeleteView.as_view(), name="case_delete"),
    path("<int:pk>/advance/", views.case_advance, name="case_advance"),
    path("<int:pk>/extend/", views.case_extend, name="case_extend"),
    path("<int:pk>/cancel/", views.case_cancel, name="case_cancel"),
]
