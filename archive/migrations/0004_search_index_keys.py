"""Search index v2: rows keyed by issue date and status; one-character queries from a character field.

The old tables are dropped and the new ones created empty; the stored
tokenizer fingerprint is cleared so ``rebuild_search_index --if-stale``
(run by scripts/serve.sh) fills the index again.
"""
from django.db import migrations

from archive.search.index.schema import META_TABLE, index_sql, table_drop_sql

_OLD = {"sqlite": ["DROP TABLE IF EXISTS archive_search_fts"], "postgresql": ["DROP TABLE IF EXISTS archive_search_document"]}


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in _OLD:
        return
    for statement in _OLD[vendor] + table_drop_sql(vendor) + index_sql(vendor):
        schema_editor.execute(statement)
    Article = apps.get_model("archive", "Article")
    if Article.objects.exists():
        schema_editor.execute(f"UPDATE {META_TABLE} SET value = '' WHERE key = 'fingerprint'")


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_byline_photo_ordering")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=False)]
