from django.urls import path

from . import views

app_name = "workbook"
urlpatterns = [
    path("import/", views.import_view, name="import"),
    path("export/", views.export_view, name="export"),
    path("template/", views.template_view, name="template"),
]
