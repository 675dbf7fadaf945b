"""The full-text search index: an FTS5 table on SQLite, a tsvector table with a GIN index on PostgreSQL.

Both hold tokens prepared by ``archive.search`` (the databases never segment
Chinese themselves). ``archive_search_meta`` records the tokenizer
fingerprint the index was built with.
"""
from django.db import migrations

from archive.search.index.schema import META_TABLE, create_sql, drop_sql
from archive.search.text import fingerprint


def create(apps, schema_editor):
    statements = create_sql(schema_editor.connection.vendor)
    for statement in statements:
        schema_editor.execute(statement)
    if statements:  # an empty index is current for the tokenizer in use
        schema_editor.execute(
            f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s)", ["fingerprint", fingerprint()]
        )


def drop(apps, schema_editor):
    for statement in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
