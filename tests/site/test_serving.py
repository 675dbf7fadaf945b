"""The pieces of ``scripts/serve.sh``: the gunicorn settings and the demo's own SECRET_KEY file.

serve.sh itself installs packages, so it is checked by hand on a fresh
clone (docs/benchmarks.md, README); these tests cover what it relies on.
"""
import runpy
import stat
from pathlib import Path

import pytest
from gunicorn.config import Config

from newsroom.secret_key import load_or_create

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "newsroom" / "gunicorn.conf.py"


def _gunicorn_settings(monkeypatch, **env) -> dict:
    for name in ("PORT", "BIND", "WEB_CONCURRENCY", "GUNICORN_ACCESS_LOG", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(CONFIG))
    config = Config()
    known = {name: value for name, value in namespace.items() if name in config.settings}
    for name, value in known.items():
        config.set(name, value)  # gunicorn validates each value as it would from the file
    return {name: config.settings[name].get() for name in known}


def test_gunicorn_serves_the_archive_on_localhost_with_preloaded_recycled_workers(monkeypatch):
    settings = _gunicorn_settings(monkeypatch, PORT="8123")
    assert settings["bind"] == ["127.0.0.1:8123"]
    assert settings["wsgi_app"] == "newsroom.wsgi:application"
    assert settings["workers"] >= 3 and settings["threads"] == 1
    assert settings["preload_app"] is True
    assert settings["max_requests"] > 0 and 0 < settings["max_requests_jitter"] < settings["max_requests"]
    assert settings["timeout"] == settings["graceful_timeout"] == 30
    assert settings["accesslog"] == "-" and "%(M)s" in settings["access_log_format"]
    assert settings["control_socket_disable"] is True


def test_gunicorn_workers_and_access_log_come_from_the_environment(monkeypatch):
    settings = _gunicorn_settings(monkeypatch, WEB_CONCURRENCY="4", GUNICORN_ACCESS_LOG="", BIND="127.0.0.1:9000")
    assert settings["workers"] == 4
    assert settings["accesslog"] is None
    assert settings["bind"] == ["127.0.0.1:9000"]


def test_gunicorn_config_closes_database_connections_after_the_fork(monkeypatch, db):
    from django.db import connection

    connection.ensure_connection()
    namespace = runpy.run_path(str(CONFIG))
    closed = []
    monkeypatch.setattr(connection, "close", lambda: closed.append(True))
    namespace["post_fork"](server=None, worker=None)
    assert closed


def test_a_new_secret_key_is_written_for_the_owner_only_and_reused(tmp_path):
    path = tmp_path / "var" / "secret_key"
    key = load_or_create(path)
    assert len(key) >= 50 and len(set(key)) >= 5  # what check --deploy asks of a key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create(path) == key
    assert load_or_create(tmp_path / "other" / "secret_key") != key


def test_a_key_file_others_can_read_is_narrowed_to_its_owner(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("an-old-demo-key-that-was-left-world-readable-on-disk\n")
    path.chmod(0o644)
    assert load_or_create(path) == "an-old-demo-key-that-was-left-world-readable-on-disk"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_empty_key_file_is_refused_with_a_message(tmp_path):
    path = tmp_path / "secret_key"
    path.touch(mode=0o600)
    with pytest.raises(SystemExit, match="空文件"):
        load_or_create(path)


def test_the_key_folder_is_kept_out_of_git():
    assert "/var/" in (REPO / ".gitignore").read_text().splitlines()


def test_the_master_loads_the_search_dictionary_and_every_site_template_before_forking(db):
    from types import SimpleNamespace

    from archive.search.text.segment import segmenter

    segmenter.cache_clear()
    errors = []
    server = SimpleNamespace(cfg=SimpleNamespace(preload_app=True), log=SimpleNamespace(exception=errors.append))
    runpy.run_path(str(CONFIG))["when_ready"](server)
    assert segmenter.cache_info().currsize == 1
    assert errors == []
