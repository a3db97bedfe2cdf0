from django.apps import AppConfig


class IngestConfig(AppConfig):
    """Reading legacy reports: decoding, cleaning and figure extraction.

    The parsing modules of this package are pure Python; only this file and the
    management command import Django.
    """

    name = "dangjian.ingest"
    verbose_name = "往年报告读取"
    default_auto_field = "django.db.models.BigAutoField"
