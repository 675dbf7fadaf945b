#!/usr/bin/env python
"""Load test of the production server: a fixed mix of reader and API requests from 32 clients for 60 s.

Usage: python bench/load.py [--url http://127.0.0.1:PORT] [--duration 60] [--clients 32]
                            [--max-requests 200000] [--workers N] [--threads N]
                            [--database sample|dev] [--seed 1]

Without ``--url`` it starts the production server itself: gunicorn with
newsroom/gunicorn.conf.py, DEBUG off, HTTPS=0 (plain HTTP on 127.0.0.1),
``CONN_MAX_AGE`` 60, the database cache of the settings, on a temporary
SQLite copy of the archive: the five sample pages imported afresh
(``--database sample``) or a copy of the project's db.sqlite3 (``dev``).
The search and anonymous API throttles would answer the benchmark's one
address with 429: the server it starts gets ``SEARCH_RATE`` and
``API_ANON_RATE`` of 1,000,000/s, and a 429 counts as an error like any
status ≥ 400 or a failed connection. With ``--url`` the server must do the
same. Requests go to 127.0.0.1 (or localhost) only.

The mix (weights out of 100; URLs drawn at random, fixed seed, from what the
API lists of the archive under test): home 10, date (issue) 15, page 15,
article 30, section 8, person 8, search 7 (/search/?q= one of SEARCH_WORDS),
API list 7 (/api/v1/articles/ plain, by date or by section). Every client
sends its next request when the last one is answered. The run stops after
``--duration`` seconds or ``--max-requests`` requests, whichever comes
first; a request may take at most 30 s.

Prints requests/s, p50/p95/p99 latency and errors, in total and per kind,
with the load average before and after (the load generator runs on the same
cores as the server). Not a test.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import aiohttp

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
WEIGHTS = {"home": 10, "date": 15, "page": 15, "article": 30, "section": 8, "person": 8, "search": 7, "api list": 7}
SEARCH_WORDS = ["郑州", "郑东新区", "防汛", "新年", "基金", "区县", "文化", "项目 建设", "荥阳", "中原"]
UNLIMITED = "1000000/s"
REQUEST_TIMEOUT = 30


# --- the server under test ---------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(folder: Path, args) -> dict:
    env = {
        **os.environ, "DEBUG": "0", "HTTPS": "0", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"), "MEDIA_ROOT": str(folder / "media"), "CONN_MAX_AGE": "60",
        "SEARCH_RATE": UNLIMITED, "API_ANON_RATE": UNLIMITED, "PORT": str(_free_port()),
        "GUNICORN_ACCESS_LOG": os.environ.get("GUNICORN_ACCESS_LOG", str(folder / "access.log")), "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    for name, value in (("WEB_CONCURRENCY", args.workers), ("GUNICORN_THREADS", args.threads)):
        if value:
            env[name] = str(value)
    return env


def _prepare(folder: Path, env: dict, database: str) -> None:
    """The archive under test in ``folder``: migrated, sample pages or a copy of the dev DB, static files."""
    if database == "dev":
        with sqlite3.connect(REPO / "db.sqlite3") as source, sqlite3.connect(folder / "db.sqlite3") as copy:
            source.backup(copy)
    manage = [str(PYTHON), "manage.py"]
    steps = [["migrate", "--noinput"], ["collectstatic", "--noinput"]]
    if database == "sample":
        steps.insert(1, ["import_pages", "--manifest", "archive/sample_data/manifest.json"])
    for step in steps:
        subprocess.run(manage + step, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def _redis(folder: Path, env: dict):
    """A redis-server on 127.0.0.1 for the shared cache (``--cache redis``), stopped afterwards."""
    port = _free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    try:
        yield
    finally:
        redis.terminate()
        redis.wait(timeout=10)


@contextmanager
def production_server(args):
    """gunicorn on a temporary copy of the archive; yields its base URL, then stops it and cleans up."""
    folder = Path(tempfile.mkdtemp(prefix="archive-load-"))
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, folder, ignore_errors=True)
        env = _server_env(folder, args)
        if args.cache == "redis":
            stack.enter_context(_redis(folder, env))
        _prepare(folder, env, args.database)
        server = subprocess.Popen([str(REPO / ".venv" / "bin" / "gunicorn"), "-c", "newsroom/gunicorn.conf.py"],
                                  cwd=REPO, env=env, stderr=(folder / "server.log").open("wb"))
        stack.callback(_stop, server)
        url = f"http://127.0.0.1:{env['PORT']}"
        asyncio.run(_wait_until_up(url, server))
        yield url, server.pid


def _stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


async def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(600):
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited with {server.returncode}")
            try:
                async with session.get(url + "/", timeout=aiohttp.ClientTimeout(total=5)) as response:
                    if response.status == 200:
                        return
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("gunicorn did not answer within 60 s")


# --- the URLs of the mix -----------------------------------------------------


async def _api_items(session, base: str, path: str) -> list[dict]:
    items, url = [], f"{base}{path}?format=json&page_size=100"
    while url:
        async with session.get(url) as response:
            response.raise_for_status()
            data = await response.json()
        items += data["results"]
        url = data.get("next")
    return items


async def discover(base: str) -> dict[str, list[str]]:
    """The URLs of each kind in the mix, from the archive's own API lists."""
    async with aiohttp.ClientSession() as session:
        issues = await _api_items(session, base, "/api/v1/issues/")
        pages = await _api_items(session, base, "/api/v1/pages/")
        articles = await _api_items(session, base, "/api/v1/articles/")
        sections = await _api_items(session, base, "/api/v1/sections/")
        people = await _api_items(session, base, "/api/v1/people/")
    path = lambda item: urlsplit(item["site_url"]).path  # noqa: E731
    urls = {
        "home": ["/"], "date": [path(i) for i in issues], "page": [path(p) for p in pages],
        "article": [path(a) for a in articles], "section": [path(s) for s in sections if s["article_count"]],
        "person": [path(p) for p in people if p["article_count"]],
        "search": [f"/search/?q={quote(word)}" for word in SEARCH_WORDS],
        "api list": ["/api/v1/articles/"] + [f"/api/v1/articles/?date={i['date']}" for i in issues]
        + [f"/api/v1/articles/?section={s['slug']}" for s in sections if s["article_count"]],
    }
    empty = [kind for kind, found in urls.items() if not found]
    if empty:
        raise SystemExit(f"the archive under test has nothing for: {', '.join(empty)}")
    return urls


# --- the load ----------------------------------------------------------------


async def _client(session, base, urls, rng, deadline, budget, results) -> None:
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        kind = rng.choices(kinds, weights)[0]
        url = base + rng.choice(urls[kind])
        started = time.perf_counter()
        try:
            async with session.get(url, allow_redirects=False) as response:
                await response.read()
                outcome = response.status
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            outcome = type(exc).__name__
        results.append((kind, time.perf_counter() - started, outcome))


async def run_load(base: str, urls: dict, args) -> tuple[list, float]:
    results: list = []
    budget = [args.max_requests]
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=args.clients)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.monotonic()
        deadline = started + args.duration
        await asyncio.gather(*(
            _client(session, base, urls, random.Random(args.seed * 1000 + i), deadline, budget, results)
            for i in range(args.clients)
        ))
        return results, time.monotonic() - started


# --- the report ----------------------------------------------------------------


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)] if ordered else float("nan")


def _row(name: str, rows: list, elapsed: float, weight: str) -> str:
    latencies = sorted(seconds * 1000 for _kind, seconds, _outcome in rows)
    errors = sum(1 for *_rest, outcome in rows if not (isinstance(outcome, int) and outcome < 400))
    p50, p95, p99 = (_percentile(latencies, q) for q in (0.50, 0.95, 0.99))
    return (f"| {name} | {weight} | {len(rows):,} | {len(rows) / elapsed:.1f} | "
            f"{p50:.0f} | {p95:.0f} | {p99:.0f} | {errors} |")


def report(results: list, elapsed: float, args, load_before, load_after) -> str:
    by_kind = defaultdict(list)
    for row in results:
        by_kind[row[0]].append(row)
    outcomes = defaultdict(int)
    for *_rest, outcome in results:
        if not (isinstance(outcome, int) and outcome < 400):
            outcomes[outcome] += 1
    lines = [
        f"{elapsed:.1f} s, {args.clients} clients, {os.cpu_count()} cores; "
        f"load average (1/5/15 min) before {load_before[0]:.2f}/{load_before[1]:.2f}/{load_before[2]:.2f}, "
        f"after {load_after[0]:.2f}/{load_after[1]:.2f}/{load_after[2]:.2f}",
        "",
        "| kind | weight | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(_row(kind, by_kind[kind], elapsed, str(WEIGHTS[kind])) for kind in WEIGHTS),
        _row("**all**", results, elapsed, "100"),
    ]
    if outcomes:
        lines += ["", "errors: " + ", ".join(f"{outcome} × {count}" for outcome, count in sorted(outcomes.items(), key=str))]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server on 127.0.0.1 instead of starting one")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many requests")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: the config's)")
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker (default: the config's)")
    parser.add_argument("--database", choices=["sample", "dev"], default="sample")
    parser.add_argument("--cache", choices=["database", "redis"], default="database",
                        help="the shared cache of the server it starts (default: the settings' database table)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.url and urlsplit(args.url).hostname not in LOCAL_HOSTS:
        raise SystemExit("bench/load.py sends load to 127.0.0.1 or localhost only")
    with (production_server(args) if not args.url else _given(args.url)) as (base, pid):
        urls = asyncio.run(discover(base))
        load_before, cpu_before = os.getloadavg(), (pid and server_cpu_seconds(pid), client_cpu_seconds())
        results, elapsed = asyncio.run(run_load(base, urls, args))
        load_after, cpu_after = os.getloadavg(), (pid and server_cpu_seconds(pid), client_cpu_seconds())
    print(report(results, elapsed, args, load_before, load_after))
    print(cpu_report(len(results), cpu_before, cpu_after))


def cpu_report(requests: int, before: tuple, after: tuple) -> str:
    """CPU time per request of the server and of this load generator: a figure a busy machine does not bend."""
    client = (after[1] - before[1]) * 1000 / max(requests, 1)
    if not before[0]:
        return f"\nCPU per request: load generator {client:.2f} ms (server not started here: not measured)"
    server = (after[0] - before[0]) * 1000 / max(requests, 1)
    cores = os.cpu_count() or 1
    return (f"\nCPU per request: server {server:.2f} ms, load generator {client:.2f} ms; "
            f"{cores} idle cores would serve about {cores * 1000 / (server + client):.0f} requests/s")


@contextmanager
def _given(url: str):
    yield url.rstrip("/"), None


def server_cpu_seconds(pid: int) -> float:
    """CPU time of the gunicorn master ``pid``, its live workers and the workers it has reaped."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended meanwhile
        own = int(fields[11]) + int(fields[12])
        if stat.parent.name == str(pid):
            total += own + int(fields[13]) + int(fields[14])
        elif fields[1] == str(pid):
            total += own
    return total / tick


def client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main())
