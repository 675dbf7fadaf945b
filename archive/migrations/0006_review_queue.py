"""The editors' review queue for parser warnings.

Who checked an article's warnings and when; the warning count as a column
(JSON array length is spelled differently on SQLite and PostgreSQL, and a
column can be sorted and indexed); the digest of the parse that was checked.
Existing articles get their count here; their digest stays empty until the
next import, as nothing can have been checked before this migration.
"""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def count_warnings(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    batch = []
    for article in Article.objects.exclude(warnings=[]).only("id", "warnings").iterator(chunk_size=2000):
        article.warning_count = len(article.warnings or [])
        batch.append(article)
        if len(batch) == 2000:
            Article.objects.bulk_update(batch, ["warning_count"])
            batch = []
    Article.objects.bulk_update(batch, ["warning_count"])


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0005_search_newest_first_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='checked_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='核对时间'),
        ),
        migrations.AddField(
            model_name='article',
            name='checked_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='核对人'),
        ),
        migrations.AddField(
            model_name='article',
            name='parse_digest',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='解析摘要'),
        ),
        migrations.AddField(
            model_name='article',
            name='warning_count',
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='提示数'),
        ),
        migrations.RunPython(count_warnings, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(('checked_at__isnull', True), ('warning_count__gt', 0)), fields=['page'], name='article_review_open_idx'),
        ),
    ]
