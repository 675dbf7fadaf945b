"""PostgreSQL: the search index's btree on ``key`` becomes one on ``-key``.

Walking newest first reads it as before (``ORDER BY -key``); reads of every
match can no longer be planned through it, so they come from the GIN indexes
(see archive/search/index/schema.py). A btree builds in seconds even for a
million stories; the index rows themselves are kept.
"""
from django.db import migrations

from archive.search.index.schema import PG_NEWEST_INDEX, PG_TABLE


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_TABLE}_key")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {PG_NEWEST_INDEX} ON {PG_TABLE} ((-key))")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_NEWEST_INDEX}")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {PG_TABLE}_key ON {PG_TABLE} (key)")


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_search_index_keys")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
