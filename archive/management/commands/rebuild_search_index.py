"""Rebuild the full-text search index in batches, resumable, with a progress bar."""
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from archive.models import Article
from archive.search.index import service
from archive.search.text import fingerprint


class Command(BaseCommand):
    help = "重建全文检索索引（分批进行，可用 --resume 从上次中断处继续）。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="每批索引的文章数")
        parser.add_argument("--resume", action="store_true", help="从索引中最大的文章 id 之后继续，不清空索引")
        parser.add_argument(
            "--workers", type=int, default=None,
            help="分词进程数（默认：CPU 核数减一；0 表示在本进程内分词）",
        )
        parser.add_argument(
            "--if-stale", action="store_true", help="仅当分词器或词典指纹与索引不符时重建"
        )

    def handle(self, *args, batch_size, resume, if_stale, workers, **options):
        index = service.backend()
        if if_stale and index.stored_fingerprint() == fingerprint():
            self.stdout.write("索引已是最新，无需重建。")
            return
        start = self._resume_point(index) if resume else 0
        if not resume:
            with transaction.atomic():
                index.clear()
                index.store_fingerprint("")  # a half-built index is never "current"
        ids = Article.objects.filter(pk__gt=start).order_by("pk").values_list("pk", flat=True)
        total = ids.count()
        if workers is None:  # one batch leaves nothing to overlap: do not start processes for it
            workers = service.tokenizing_workers() if total > batch_size else 0
        index.begin_bulk()
        with tqdm(total=total, unit="篇", disable=options["verbosity"] < 1, file=self.stderr) as bar:
            service.index_in_batches(_batches(ids, max(1, batch_size)), done=bar.update, workers=max(0, workers))
        index.end_bulk()
        index.store_fingerprint(fingerprint())
        self.stdout.write(self.style.SUCCESS(f"已索引 {total} 篇文章。"))

    def _resume_point(self, index) -> int:
        last, after = 0, 0
        while batch := index.indexed_ids_after(after, 10_000):
            last = after = batch[-1]
        return last


def _batches(ids, size):
    last = 0
    while batch := list(ids.filter(pk__gt=last)[:size]):
        yield batch
        last = batch[-1]
