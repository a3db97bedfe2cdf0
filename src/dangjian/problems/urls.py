from django.urls import path

from . import views

app_name = "problems"
urlpatterns = [
    path("", views.ProblemListView.as_view(), name="problem_list"),
    path("new/", views.ProblemCreateView.as_view(), name="problem_create"),
    path("<int:pk>/", views.ProblemDetailView.as_view(), name="problem_detail"),
    path("<int:pk>/edit/", views.ProblemUpdateView.as_view(), name="problem_edit"),
    path("<int:pk>/delete/", views.ProblemDeleteView.as_view(), name="problem_delete"),
]
