"""``manage.py parse_page`` run as a subprocess (no database is touched)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not (REPO / "manage.py").exists(), reason="manage.py missing")

PAGE = "城南区启动春季义诊\n\n本报讯(记者 邵雨晴)3月8日,城南区启动春季义诊活动。\n"


def run(*args):
    return subprocess.run([sys.executable, str(REPO / "manage.py"), "parse_page", *map(str, args)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def test_one_file_without_out_prints_json(tmp_path):
    src = tmp_path / "p1.txt"
    src.write_text(PAGE, encoding="utf-8")
    done = run(src)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["source"] == "p1.txt" and data["articles"][0]["headline"] == "城南区启动春季义诊"


def test_several_files_write_one_json_each_and_gb18030_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8-sig")
    (tmp_path / "b.txt").write_bytes(PAGE.encode("gb18030"))
    done = run(tmp_path / "a.txt", tmp_path / "b.txt", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "GB18030" in done.stderr and "b.txt" in done.stderr
    for stem in ("a", "b"):
        data = json.loads((tmp_path / "out" / f"{stem}.json").read_text(encoding="utf-8"))
        assert data["articles"][0]["bylines"] == [{"name": "邵雨晴", "role": "reporter"}]


def test_unreadable_file_gives_command_error_naming_it(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02")
    done = run(bad)
    assert done.returncode != 0
    assert "binary.txt" in done.stderr and "CommandError" in done.stderr
    missing = run(tmp_path / "nope.txt")
    assert missing.returncode != 0 and "nope.txt" in missing.stderr


def test_runs_without_secret_key_or_debug_as_a_plain_shell_would(tmp_path):
    import os

    src = tmp_path / "p1.txt"
    src.write_text(PAGE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    done = subprocess.run([sys.executable, str(REPO / "manage.py"), "parse_page", str(src)],
                          cwd=REPO, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["articles"][0]["headline"] == "城南区启动春季义诊"
