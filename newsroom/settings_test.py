"""Settings for the test suite: production settings with a test-only key
and per-process caches.

The key is set in the environment, not here, so the servers that tests
start in subprocesses (gunicorn, a second worker) inherit it. The cache is
LocMem so that query-count tests count the archive's own queries; tests of
the shared cache switch to the database or Redis backend explicitly, and
``tests/conftest.py`` clears the cache around every test.
"""
import os

os.environ.setdefault("SECRET_KEY", "test-only-newsroom-archive-key-not-for-production")
# The test client and the servers tests start speak plain HTTP.
os.environ.setdefault("HTTPS", "0")

from newsroom.settings import *  # noqa: E402,F403

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"},
}
