"""The shared cache's table (settings.CACHES without REDIS_URL).

Made by migration rather than by ``createcachetable`` so that ``migrate``
alone prepares a fresh database, and so the table exists whichever cache the
current settings name (tests switch to it with ``override_settings``).
"""
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

CACHE_TABLE = "archive_cache"


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_corrections")]
    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
