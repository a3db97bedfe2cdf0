from django.urls import path

from . import audit_views

app_name = "core"
urlpatterns = [
    path("", audit_views.audit_log, name="audit_log"),
    path("<str:model_label>/<int:history_id>/", audit_views.audit_entry, name="audit_entry"),
]
