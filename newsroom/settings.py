"""Settings for the newsroom archive.

Everything that differs between a laptop, CI and production comes from the
environment: ``DATABASE_URL`` (unset means a SQLite file in the project
folder), ``SECRET_KEY``, ``DEBUG``, ``ALLOWED_HOSTS``, ``MEDIA_ROOT``,
``API_ANON_RATE``, ``IMPORT_MAX_PAGE_BYTES`` and ``IMPORT_MAX_PAGE_ITEMS``
(largest page file and most items one imported page may have).

``REDIS_URL`` makes Redis the shared cache (unset: a table in the database).
Rate limits (archive/throttling.py) count in that shared cache, per client
address: ``API_ANON_RATE`` (anonymous API, default ``120/minute``),
``SEARCH_RATE`` (the site's /search/, default ``60/minute``),
``LOGIN_ACCOUNT_RATE`` / ``LOGIN_ADDRESS_RATE`` (failed token logins per
username tried and per address, default ``10/hour`` / ``30/hour``). The
client address is ``REMOTE_ADDR``; only when that is one of
``TRUSTED_PROXIES`` (comma-separated addresses or CIDRs, default none) is
the right-most untrusted ``X-Forwarded-For`` entry used instead.
"""
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    # A fixed development key keeps sessions valid across restarts on a laptop.
    SECRET_KEY = "dev-only-not-secret-newsroom-archive"
# With DEBUG off and no key, every server start fails with a clear message
# (archive/checks.py); commands that serve no one, like parse_page, still run.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "archive.api.csp.ArchiveCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers keep reading while an import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"

# Caches shared by every worker process: throttles count once and cached
# pages are invalidated once. Redis when REDIS_URL is set, else tables in
# the archive's own database (created by migrations 0008 and 0011, so
# ``migrate`` is enough on a fresh machine). Throttle counts have a cache of
# their own: a flood of distinct page URLs fills the page cache and culls it,
# and must not cull the counts that would slow the flood down.
REDIS_URL = os.environ.get("REDIS_URL", "")
DATABASE_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "archive_cache",
                "OPTIONS": {"MAX_ENTRIES": 20000}},
    # A row per client address and limit, each gone when its window passes.
    "throttle": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "archive_throttle",
                 "OPTIONS": {"MAX_ENTRIES": 100000}},
}
REDIS_CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    for alias, prefix in (("default", "archive"), ("throttle", "archive-throttle"))
}
CACHES = REDIS_CACHES if REDIS_URL else DATABASE_CACHES

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The parser's jieba dictionary cache lives in a folder the app owns, not in
# a world-readable temp dir (jieba writes it 0600 under /tmp by default).
JIEBA_CACHE_DIR = Path(os.environ.get("JIEBA_CACHE_DIR", BASE_DIR / "var" / "jieba"))

# Publication shown on the site, in feeds and in citations.
PUBLICATION_NAME = os.environ.get("PUBLICATION_NAME", "郑州日报")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Seconds a staff preview link of a draft stays valid (archive/site/preview.py).
PREVIEW_MAX_AGE = int(os.environ.get("PREVIEW_MAX_AGE", 24 * 3600))
# One printed page (版) is tens of KB and under a hundred items; the limits
# refuse what is not a page before it can flood the archive (every import path).
IMPORT_MAX_PAGE_BYTES = int(os.environ.get("IMPORT_MAX_PAGE_BYTES", 2 * 1024 * 1024))
IMPORT_MAX_PAGE_ITEMS = int(os.environ.get("IMPORT_MAX_PAGE_ITEMS", 400))

# Proxies whose X-Forwarded-For is believed when counting a client's
# requests (addresses or CIDRs, comma-separated); empty: REMOTE_ADDR only.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # archive/throttling.py: counts in the shared cache, per client_address().
    "DEFAULT_THROTTLE_CLASSES": ["archive.throttling.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "120/minute"),
        "search": os.environ.get("SEARCH_RATE", "60/minute"),
        "export": os.environ.get("EXPORT_RATE", "30/hour"),  # each download may be the whole archive: far fewer than searches
        "login_account": os.environ.get("LOGIN_ACCOUNT_RATE", "10/hour"),
        "login_address": os.environ.get("LOGIN_ADDRESS_RATE", "30/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "archive.api.schema.ArchiveAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "archive.api.pagination.ArticlePagination",
    "PAGE_SIZE": 20,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "报纸档案 API / Newspaper archive API",
    "DESCRIPTION": "城市日报档案的文章、期次、版面、栏目与人物。"
    " Articles, issues, pages, sections and people of a city daily's archive.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

LOGIN_URL = "admin:login"

# --- Security (docs/production.md) ---------------------------------------------
# With DEBUG off every HTTPS protection is on; HTTPS=0 switches off only the
# parts that need TLS (redirect, secure cookies, HSTS) for a plain-HTTP demo
# or a benchmark on 127.0.0.1.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Only behind a proxy that terminates TLS and always sets X-Forwarded-Proto:
# otherwise a client could claim HTTPS and skip the redirect.
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4) on every response: scripts, styles,
# images and fonts from the site itself only, nothing inline. The API docs
# pages and the browsable API relax it for themselves only
# (archive/api/schema_views.py, archive/api/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
