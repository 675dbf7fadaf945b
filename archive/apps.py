from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = _("报纸档案")

    def ready(self):
        from archive import checks  # noqa: F401  (registers the SECRET_KEY check)
        from archive.cache import connect_signals
        from archive.search.index.service import forget_flushed_archive

        connect_signals()  # content writes invalidate cached pages (archive/cache.py)
        post_migrate.connect(forget_flushed_archive, sender=self)
