"""WSGI entry point for production servers (gunicorn, uwsgi)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_wsgi_application()

from archive.checks import require_secret_key  # noqa: E402  (needs the app registry)

# gunicorn runs no system checks: refuse to serve without a key here.
require_secret_key()
