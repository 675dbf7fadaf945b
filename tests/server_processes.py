"""Real server processes for tests: gunicorn on the production settings, redis-server.

Each runs on a free 127.0.0.1 port and is stopped by its own pid
(``stop``). The servers use ``newsroom.settings`` (not the test settings),
so they share whatever cache the environment names, as production does.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of a production process on a temp SQLite database in ``tmp``."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DEBUG"}}
    # SECRET_KEY is already in os.environ (newsroom/settings_test.py puts it there).
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        HTTPS="0",  # plain HTTP on 127.0.0.1: no redirect to https
        **extra,
    )
    return env


def start_migrate(env: dict[str, str]) -> subprocess.Popen:
    """``manage.py migrate`` in the background (servers may boot meanwhile); ``finish`` waits for it."""
    return subprocess.Popen([sys.executable, str(REPO / "manage.py"), "migrate", "--noinput"],
                            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen) -> None:
    _, err = process.communicate(timeout=300)
    if process.returncode:
        raise RuntimeError(f"{process.args} failed: {err.decode(errors='replace')}")


def start_gunicorn(env: dict[str, str], tmp: Path) -> tuple[subprocess.Popen, str]:
    """One gunicorn worker; returns the process and its base URL once it has started."""
    port = free_port()
    # An empty config file: the project's own gunicorn settings (worker count,
    # bind address) must not change what this test starts.
    config = tmp / "gunicorn-test.conf.py"
    config.touch()
    # A file, not a pipe: nobody reads the log while the server runs.
    with open(tmp / f"gunicorn-{port}.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application", "--config", str(config),
             "--workers", "1", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
             # A loaded test machine may take long to boot the worker: not a hang.
             "--timeout", "120"],
            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=log,
        )
    process.log_path = log.name
    return process, f"http://127.0.0.1:{port}"


def wait_until_answering(process: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early: {Path(process.log_path).read_text(errors='replace')}")
        try:
            status_of(url)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} after {START_TIMEOUT} s")


def start_redis() -> tuple[subprocess.Popen, str]:
    """A throw-away redis-server (no persistence); returns the process and its URL once it answers."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (scripts/test.sh installs it)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError("redis-server did not start")


def stop(*processes: subprocess.Popen) -> None:
    """Stop processes we started, each by its own pid: all signalled first, then waited for."""
    running = [process for process in processes if process.poll() is None]
    for process in running:
        # SIGINT: gunicorn's quick shutdown (SIGTERM waits for requests to
        # finish); redis-server and manage.py stop on it too.
        process.send_signal(signal.SIGINT)
    for process in running:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


_opener = urllib.request.build_opener(_NoRedirect)


def status_of(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict]:
    """(HTTP status, response headers) of one request, redirects not followed; 3xx-5xx are answers, not errors."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, dict(error.headers)
