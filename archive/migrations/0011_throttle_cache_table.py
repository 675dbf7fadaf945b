"""The throttle counts' own cache table (settings.CACHES["throttle"] without REDIS_URL).

Apart from the pages' table (0008) so that culling cached pages never drops
a count. Made by migration for the reasons 0008 gives.
"""
from django.db import migrations

from archive.migrations import _cache_tables

THROTTLE_TABLE = "archive_throttle"


class Migration(migrations.Migration):
    dependencies = [("archive", "0010_article_facets_index")]
    operations = [
        migrations.RunPython(_cache_tables.creating(THROTTLE_TABLE), _cache_tables.dropping(THROTTLE_TABLE)),
    ]
