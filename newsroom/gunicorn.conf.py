"""gunicorn settings of the archive: ``gunicorn -c newsroom/gunicorn.conf.py``.

``bash scripts/serve.sh --production`` starts it so. Everything can be
changed from the environment:

- ``PORT`` (8000) and ``BIND`` (``127.0.0.1:$PORT``; put a proxy such as
  nginx in front for the outside world);
- ``WEB_CONCURRENCY``: worker processes, default 2 × cores + 1 (measured
  best on two cores with the page cache: docs/benchmarks.md);
- ``GUNICORN_THREADS`` (1: the archive's work is CPU bound);
- ``GUNICORN_TIMEOUT`` (30 s before a silent worker is killed);
- ``GUNICORN_MAX_REQUESTS`` (2000, with 10 % jitter so workers do not all
  restart at once): a slow leak cannot grow a worker without bound;
- ``GUNICORN_ACCESS_LOG``: ``-`` (standard output, the default), a file, or
  empty for none.
"""
import multiprocessing
import os
from pathlib import Path

chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "newsroom.wsgi:application"
bind = [os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
# Django, the parser's dictionaries and the templates load once, before the
# fork, and are shared by the workers.
preload_app = True
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 2000)
max_requests_jitter = max_requests // 10
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = timeout
keepalive = 5
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"  # the heartbeat file in memory: a busy disk cannot stall it
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Client, time, request, status, bytes, milliseconds, user agent.
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = "-"
# gunicorn's control socket has one default path per user: two servers on one
# machine (a test, a benchmark) would fight over it.
control_socket_disable = True


def when_ready(server):
    """In the master, before the first fork: what every worker would load on its first request.

    The URL routes and views, the translations, the site's templates and the
    search dictionary load once here, so no reader waits a second for a
    fresh worker (one starts every ``max_requests`` requests).
    """
    if not server.cfg.preload_app:
        return  # Django is not loaded in the master
    from django.conf import settings
    from django.template import TemplateSyntaxError
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils import translation

    from archive.search.text.segment import segmenter

    reverse("archive:home")
    translation.activate(settings.LANGUAGE_CODE)
    templates = Path(chdir) / "templates"
    for path in [*templates.glob("*.html"), *(templates / "archive").glob("*.html")]:
        try:
            get_template(path.relative_to(templates).as_posix())
        except TemplateSyntaxError:
            server.log.exception("template %s does not compile", path)  # its page fails, not the server
    translation.deactivate()
    segmenter()


def post_fork(server, worker):
    # A database connection opened while the app loaded must not be shared by the workers.
    from django.db import connections

    connections.close_all()
