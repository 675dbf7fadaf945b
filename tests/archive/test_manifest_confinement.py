"""Manifest entries must name files inside the manifest's folder; anything else refuses the whole manifest."""
import json
import os
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.importing import ImportInputError, read_manifest
from archive.models import Article, Issue, Page
from tests.site.synthetic_pages import page_text

SECRET = "本报讯(记者 王建国)内部资料,不得外传。\n"


@pytest.fixture
def batch(tmp_path):
    """A manifest folder with one good page, and a readable page file outside it."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(page_text(1, 3), encoding="utf-8")
    (tmp_path / "outside.txt").write_text(SECRET, encoding="utf-8")
    return folder


def _manifest(folder, outsider: str):
    pages = [
        {"file": "good.txt", "date": "2025-01-03", "page": 1, "name": "要闻"},
        {"file": outsider, "date": "2025-01-03", "page": 2, "name": "区县新闻"},
    ]
    path = folder / "manifest.json"
    path.write_text(json.dumps({"pages": pages}, ensure_ascii=False), encoding="utf-8")
    return path


def _outsiders(folder):
    os.symlink(folder.parent / "outside.txt", folder / "link.txt")
    return {
        "absolute": str(folder.parent / "outside.txt"),
        "dotdot": "../outside.txt",
        "deep dotdot": "sub/" + "../" * 12 + str(folder.parent / "outside.txt").lstrip("/"),
        "symlink": "link.txt",
    }


@pytest.mark.parametrize("kind", ["absolute", "dotdot", "deep dotdot", "symlink"])
def test_an_entry_outside_the_folder_refuses_the_manifest_naming_the_path(batch, kind):
    outsider = _outsiders(batch)[kind]
    with pytest.raises(ImportInputError) as refused:
        read_manifest(_manifest(batch, outsider))
    message = str(refused.value)
    assert outsider in message and "清单第2项" in message and "不在清单所在的文件夹" in message


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["absolute", "dotdot", "symlink"])
def test_the_command_writes_nothing_from_such_a_manifest(batch, kind):
    outsider = _outsiders(batch)[kind]
    with pytest.raises(CommandError, match="不在清单所在的文件夹"):
        call_command("import_pages", "--manifest", str(_manifest(batch, outsider)), stdout=StringIO(), stderr=StringIO())
    assert Issue.objects.count() == Page.objects.count() == Article.objects.count() == 0


def test_subfolders_and_symlinks_that_stay_inside_are_accepted(batch):
    (batch / "2025").mkdir()
    (batch / "2025" / "p2.txt").write_text(page_text(2, 2), encoding="utf-8")
    os.symlink(batch / "good.txt", batch / "2025" / "alias.txt")
    specs = read_manifest(_manifest(batch, "2025/./p2.txt"))
    assert [s.path for s in specs] == [batch / "good.txt", batch / "2025" / "p2.txt"]
    specs = read_manifest(_manifest(batch, "2025/alias.txt"))
    assert specs[1].path == batch / "good.txt"


def test_a_manifest_reached_through_a_symlinked_folder_still_confines_to_the_real_folder(batch, tmp_path):
    os.symlink(batch, tmp_path / "linked")
    specs = read_manifest(_manifest(tmp_path / "linked", "good.txt"))
    assert specs[0].path == batch.resolve() / "good.txt"
    with pytest.raises(ImportInputError, match="outside.txt"):
        read_manifest(_manifest(tmp_path / "linked", "../outside.txt"))
