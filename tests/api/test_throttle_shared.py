"""Two server processes, one count: every worker throttles against the shared cache.

Two gunicorn processes (one worker each) run the production settings on one
migrated SQLite file, once with the database cache table and once with a
real redis-server. Requests alternate between them; with a count per worker
neither would reach the limit, with a shared count the limit falls exactly
where the rate says.
"""
import urllib.parse

import pytest
from server_processes import (finish, production_env, start_gunicorn, start_migrate, start_redis, status_of, stop,
                              wait_until_answering)

RATE = 4
LOGIN_FAILURES = 3
TOKEN = "/api/v1/auth/token/"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """{"database": [url, url], "redis": [url, url]}: two workers per shared cache, all booted at once."""
    tmp = tmp_path_factory.mktemp("shared-throttle")
    rates = {"API_ANON_RATE": f"{RATE}/minute", "LOGIN_ACCOUNT_RATE": f"{LOGIN_FAILURES}/hour"}
    processes, urls = [], {"database": [], "redis": []}
    try:
        redis, redis_url = start_redis()
        processes.append(redis)
        migrating = start_migrate(production_env(tmp))
        processes.append(migrating)
        for cache, extra in (("database", {}), ("redis", {"REDIS_URL": redis_url})):
            for _ in range(2):
                process, url = start_gunicorn(production_env(tmp, **rates, **extra), tmp)
                processes.append(process)
                urls[cache].append(url)
        finish(migrating)
        for process, url in zip(processes[2:], urls["database"] + urls["redis"]):
            # A GET of the token login is counted by no throttle (405).
            wait_until_answering(process, url + TOKEN)
        yield urls
    finally:
        stop(*processes)


def _alternating(urls, path, count, **request):
    return [status_of(urls[n % 2] + path, **request)[0] for n in range(count)]


@pytest.mark.parametrize("cache", ["database", "redis"])
def test_two_workers_share_one_anonymous_count(servers, cache):
    urls = servers[cache]
    # Counted per worker, neither would have seen more than RATE - 1 requests.
    assert _alternating(urls, "/api/v1/sections/", RATE + 1) == [200] * RATE + [429]
    status, headers = status_of(urls[0] + "/api/v1/sections/")
    assert status == 429 and 0 < int(headers["Retry-After"]) <= 60


def test_failed_logins_on_either_worker_lock_the_account_on_both(servers):
    body = urllib.parse.urlencode({"username": "editor", "password": "wrong-guess"}).encode()
    statuses = _alternating(servers["database"], TOKEN, LOGIN_FAILURES + 1, data=body)
    assert statuses == [400] * LOGIN_FAILURES + [429]
    status, headers = status_of(servers["database"][1] + TOKEN, data=body)
    assert status == 429 and int(headers["Retry-After"]) > 60  # the account's window is an hour
