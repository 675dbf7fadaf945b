from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = _("报纸档案")

    def ready(self):
        from archive import checks  # noqa: F401  (registers the SECRET_KEY check)
        from archive.cache import connect_signals

        connect_signals()  # content writes invalidate cached pages (archive/cache.py)
