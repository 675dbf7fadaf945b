"""Restore a folder written by export_archive into an empty database, all or nothing."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupRefused, counts_text, import_archive


class Command(BaseCommand):
    help = "把 export_archive 导出的备份恢复到空数据库（一个事务，全部成功或什么都不写），并重建检索索引。"

    def add_arguments(self, parser):
        parser.add_argument("in_dir", type=Path, help="备份目录（含 manifest.json）")

    def handle(self, *args, in_dir, **options):
        try:
            restored = import_archive(in_dir=in_dir)
        except BackupRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(self.style.SUCCESS(f"已恢复：{counts_text(restored.counts)}；媒体文件 {restored.media} 个；检索索引已重建。"))
        if restored.users_created:
            self.stdout.write("以下账号在本数据库中不存在，已建为停用账号（无密码）以保留修改记录："
                              + "、".join(restored.users_created))
