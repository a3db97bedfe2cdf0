from django.urls import path

from . import audit_views

app_name = "core"
urlpatterns = [
    path("", audit_views.audit_log, name="audit_log"),
    path("access/", audit_views.access_log, name="audit_access"),
    path("<str:model_label>/<int:history_id>/", audit_views.audit_entry, name="audit_entry"),
]
