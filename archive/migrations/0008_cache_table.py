"""The shared cache's table (settings.CACHES without REDIS_URL).

Made by migration rather than by ``createcachetable`` so that ``migrate``
alone prepares a fresh database, and so the table exists whichever cache the
current settings name (tests switch to it with ``override_settings``).
"""
from django.db import migrations

from archive.migrations import _cache_tables

CACHE_TABLE = "archive_cache"


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_corrections")]
    operations = [migrations.RunPython(_cache_tables.creating(CACHE_TABLE), _cache_tables.dropping(CACHE_TABLE))]
