from django.urls import path

from . import views

app_name = "implementation"
urlpatterns = [
    path("", views.InstructionListView.as_view(), name="instruction_list"),
    path("new/", views.InstructionCreateView.as_view(), name="instruction_create"),
    path("<int:pk>/", views.InstructionDetailView.as_view(), name="instruction_detail"),
    path("<int:pk>/edit/", views.InstructionUpdateView.as_view(), name="instruction_edit"),
    path("<int:pk>/delete/", views.InstructionDeleteView.as_view(), name="instruction_delete"),
    path("measures/", views.MeasureListView.as_view(), name="measure_list"),
    path("measures/new/", views.MeasureCreateView.as_view(), name="measure_create"),
    path("measures/<int:pk>/", views.MeasureDetailView.as_view(), name="measure_detail"),
    path("measures/<int:pk>/edit/", views.MeasureUpdateView.as_view(), name="measure_edit"),
    path("measures/<int:pk>/delete/", views.MeasureDeleteView.as_view(), name="measure_delete"),
    path("checkins/new/", views.CheckInCreateView.as_view(), name="checkin_create"),
    path("checkins/<int:pk>/edit/", views.CheckInUpdateView.as_view(), name="checkin_edit"),
    path("checkins/<int:pk>/delete/", views.CheckInDeleteView.as_view(), name="checkin_delete"),
    path("checkins/<int:pk>/evidence/", views.checkin_evidence, name="checkin_evidence"),
]
