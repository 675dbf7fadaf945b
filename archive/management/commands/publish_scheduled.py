"""Bring the search index up to date with scheduled stories whose time has come.

Readers see a scheduled story at its time without this command (the public
filter compares with the clock); the search index stores visibility in its
keys, so it learns only when this runs. Run it every few minutes.
"""
from django.core.management.base import BaseCommand

from archive import services


class Command(BaseCommand):
    help = "Re-index scheduled articles whose publication time has come (定时发布), so search finds them."

    def handle(self, *args, **options):
        ids = services.scheduled_due_reindex()
        self.stdout.write(f"{len(ids)} 篇定时发布的文章已到发布时间，已更新搜索索引。")
