"""Write the whole archive (rows, history and media files) to a folder that import_archive restores."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupRefused, counts_text, export_archive


class Command(BaseCommand):
    help = "把整个档案（期次、版面、文章、署名、图片及其文件、人物、栏目、更正、修改历史）导出为 NDJSON 与媒体文件。"

    def add_arguments(self, parser):
        parser.add_argument("out_dir", type=Path, help="导出到的目录（不存在或为空）")
        parser.add_argument("--chunk-size", type=int, default=2000, help="每次从数据库读取的行数")

    def handle(self, *args, out_dir, chunk_size, **options):
        try:
            exported = export_archive(out_dir=out_dir, chunk_size=max(1, chunk_size))
        except BackupRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(self.style.SUCCESS(f"已导出到 {out_dir}：{counts_text(exported.counts)}；媒体文件 {exported.media} 个。"))
        if exported.missing_media:
            self.stderr.write(f"媒体目录中缺少 {len(exported.missing_media)} 个文件（记录已导出，文件未备份）："
                              + "、".join(exported.missing_media[:10]))
