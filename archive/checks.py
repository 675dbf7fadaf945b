"""Start-up checks that Django's own do not make.

A missing SECRET_KEY with DEBUG off is an error for every server start
(``runserver``, ``migrate``, ``check``: Django runs the checks; gunicorn:
``newsroom/wsgi.py`` calls :func:`require_secret_key`), instead of a known
fallback key that would let anyone forge sessions and preview links. The
settings module itself does not raise, so commands that serve no one and
skip the checks, like ``parse_page``, run without a key.
"""
from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

MISSING_KEY = (
    "SECRET_KEY 未设置：生产环境（DEBUG 关闭）必须在环境变量 SECRET_KEY 中提供密钥。"
    " SECRET_KEY is not set: with DEBUG off the server needs one."
)


def secret_key_missing() -> bool:
    try:
        return not settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        return True


def require_secret_key() -> None:
    """Raise :class:`ImproperlyConfigured` with :data:`MISSING_KEY` when there is no key."""
    if secret_key_missing():
        raise ImproperlyConfigured(MISSING_KEY)


@register()
def secret_key_check(app_configs, **kwargs):
    return [Error(MISSING_KEY, id="archive.E001")] if secret_key_missing() else []
