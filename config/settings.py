"""Qingzhuang settings. Every value that differs between machines comes from the environment."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from config.env import SettingError, envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("QZ_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not envbool("QZ_ALLOW_DEV_SECRET", True):
        raise RuntimeError("SECRET_KEY must be set in production")
    # A development key kept on the machine so sessions survive restarts; never shipped.
    _key_file = VAR_DIR / "secret_key"
    if not _key_file.exists():
        import secrets

        _key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _key_file.read_text().strip()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

# Our apps, one per domain. Order matters for the demo data: each app seeds after those above it.
QZ_APPS = [
    "qingzhuang.org",
    "qingzhuang.accounts",
    "qingzhuang.audit",
    "qingzhuang.jobs",
    "qingzhuang.web",
    "qingzhuang.gate",
    "qingzhuang.documents",
    "qingzhuang.meetings",
    "qingzhuang.ledger",
    "qingzhuang.feedback",
    "qingzhuang.workdays",
    "qingzhuang.duties",
    "qingzhuang.inspections",
    "qingzhuang.forms",
    "qingzhuang.visits",
    "qingzhuang.secondments",
    "qingzhuang.riders",
    "qingzhuang.govapps",
    "qingzhuang.centers",
    "qingzhuang.pairing",
    "qingzhuang.cases",
    "qingzhuang.teams",
    "qingzhuang.rewards",
    "qingzhuang.households",
    "qingzhuang.open311",
]
# Apps added by the environment (e.g. a test app that contributes a ledger measure).
QZ_EXTRA_APPS = envlist("QZ_EXTRA_APPS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "csp",
    *QZ_APPS,
    *QZ_EXTRA_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "qingzhuang.accounts.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "qingzhuang.accounts.middleware.UserLanguageMiddleware",
    "qingzhuang.web.middleware.RefuseUnstorableQueryMiddleware",
    "qingzhuang.accounts.nostore.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "qingzhuang.web.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite (WAL) under var/ by default, PostgreSQL when DATABASE_URL is set.
DATABASE_URL = envstr("DATABASE_URL", "")
# PostgreSQL connections are bounded in every shape by a pool per process (psycopg_pool): runserver's
# thread per request, the web server's workers and Celery's children all borrow and give back. Without it, a
# persistent connection per finished thread (CONN_MAX_AGE under runserver) exhausted the server.
DB_POOL_MAX = envint("DB_POOL_MAX", 4, minimum=0)
DB_POOL_TIMEOUT = envint("DB_POOL_TIMEOUT", 10, minimum=1)
if DATABASE_URL:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=0 if DB_POOL_MAX else envint("DB_CONN_MAX_AGE", 0, minimum=0))
    if DB_POOL_MAX and "postgresql" in _db["ENGINE"]:
        # min_size 0: an idle worker process holds no connection at all.
        _db.setdefault("OPTIONS", {})["pool"] = {"min_size": 0, "max_size": DB_POOL_MAX, "timeout": DB_POOL_TIMEOUT}
    DATABASES = {"default": _db}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": envstr("SQLITE_PATH", str(VAR_DIR / "qingzhuang.sqlite3")),
            # Opening a connection (and its PRAGMAs) costs ~4 ms, a query ~0.1 ms: keep it for the next request.
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", 60),
            "OPTIONS": {
                # WAL lets readers run while a writer (an import in the background) works.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "qingzhuang.accounts.backends.UserBackend",  # ModelBackend, reading the user without the ORM's overhead
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "qingzhuang.accounts.validators.UserNameSimilarityValidator"},
    {
        "NAME": "qingzhuang.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("QZ_PASSWORD_MIN_LENGTH", 10, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "qingzhuang.accounts.validators.MixedCharactersValidator"},
]
# API tokens end after this many days unless made with an earlier expiry.
QZ_API_TOKEN_DAYS = envint("QZ_API_TOKEN_DAYS", 180, minimum=1)
# A community is asked to sign for (签收) what reached it in the last QZ_SIGN_WINDOW_DAYS days; older
# items stay in its inbox but are not counted as waiting (years of history are not a to-do list).
QZ_SIGN_WINDOW_DAYS = envint("QZ_SIGN_WINDOW_DAYS", 30, minimum=1)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failed logins (django-axes), per user name and address.
AXES_FAILURE_LIMIT = envint("QZ_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = envint("QZ_LOGIN_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
# The lock targets the attacker, not the victim: a user name AND a client address together, so the account's
# owner still signs in from elsewhere. The address is the socket's peer; behind our own reverse proxy
# (QZ_BEHIND_PROXY) it is read from X-Forwarded-For as that proxy sets it (django-ipware, strict): a chain
# longer than QZ_PROXY_COUNT extra hops means the client wrote the header itself, and the proxy's own address
# is used instead, so nobody picks the address they are locked under.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
QZ_BEHIND_PROXY = envbool("QZ_BEHIND_PROXY", False)
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if QZ_BEHIND_PROXY else ("REMOTE_ADDR",)
AXES_IPWARE_PROXY_COUNT = envint("QZ_PROXY_COUNT", 0, minimum=0) if QZ_BEHIND_PROXY else None
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("QZ_AXES_ENABLED", True)

# Idle sessions end after QZ_SESSION_IDLE_MINUTES. A request renews the clock by saving the session, at most
# once every QZ_SESSION_RENEW_SECONDS (accounts.middleware.SessionRenewalMiddleware), not on every request.
SESSION_COOKIE_AGE = envint("QZ_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
QZ_SESSION_RENEW_SECONDS = envint("QZ_SESSION_RENEW_SECONDS", 60, minimum=0)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("QZ_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = envint("QZ_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("QZ_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("QZ_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = envbool("QZ_SSL_REDIRECT", False)
# Probes on the machine itself speak plain HTTP to the server behind the proxy.
SECURE_REDIRECT_EXEMPT = [r"^livez$", r"^readyz$", r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if QZ_BEHIND_PROXY else None

# Content-Security-Policy: everything is served from this site (no CDN); scripts only from our static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Languages: Simplified Chinese first, English second; each user picks theirs.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# lib is no app (no models): its messages (the shared input checks) are found through this path.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "qingzhuang" / "lib" / "locale"]
# Thousands separators for 简体中文 (Django's zh_Hans has none): see config/formats/zh_Hans/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
TIME_ZONE = envstr("TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve straight from the apps' static folders too, so the embedded default needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
QZ_UPLOAD_MAX_BYTES = envint("QZ_UPLOAD_MAX_MB", 20, minimum=1) * 1024 * 1024
# Bounds on what an upload may unpack to, checked while streaming (a zip bomb can lie in its header).
QZ_UPLOAD_MEMBER_MAX_BYTES = envint("QZ_UPLOAD_MEMBER_MAX_MB", 50, minimum=1) * 1024 * 1024
QZ_UPLOAD_INFLATED_MAX_BYTES = envint("QZ_UPLOAD_INFLATED_MAX_MB", 200, minimum=1) * 1024 * 1024
QZ_UPLOAD_ZIP_MAX_MEMBERS = envint("QZ_UPLOAD_ZIP_MAX_MEMBERS", 2000, minimum=10)
QZ_UPLOAD_TEXT_MAX_CHARS = envint("QZ_UPLOAD_TEXT_MAX_CHARS", 200_000, minimum=1000)
QZ_IMPORT_MAX_ROWS = envint("QZ_IMPORT_MAX_ROWS", 100_000, minimum=1)
# Entry approval (准入) of tasks pushed down: apply this many working days before the due date, decided within this many.
QZ_ENTRY_APPLY_WORKDAYS = envint("QZ_ENTRY_APPLY_WORKDAYS", 30, minimum=0)
QZ_ENTRY_DECISION_WORKDAYS = envint("QZ_ENTRY_DECISION_WORKDAYS", 15, minimum=1)
# Riders' hazard reports: photo limits (bytes, and pixels read from the header before decoding: image bombs), routing
# to the nearest community centre within this many metres when no boundary holds the point, refusing points farther
# than this from every community (at sea), offering open reports this near as "是这个吗？", and an optional map tile URL.
QZ_PHOTO_MAX_BYTES = envint("QZ_PHOTO_MAX_MB", 15, minimum=1) * 1024 * 1024
QZ_PHOTO_MAX_PIXELS = envint("QZ_PHOTO_MAX_MEGAPIXELS", 50, minimum=1) * 1_000_000
QZ_HAZARD_NEAREST_M = envint("QZ_HAZARD_NEAREST_M", 1500, minimum=0)
QZ_HAZARD_FAR_KM = envint("QZ_HAZARD_FAR_KM", 30, minimum=1)
QZ_HAZARD_NEARBY_M = envint("QZ_HAZARD_NEARBY_M", 150, minimum=1)
# The report page's map (vendored Leaflet): a tile URL template such as 天地图's
# "https://t{s}.tianditu.gov.cn/vec_w/wmts?...&tk=<key>" (empty: no map; the phone's position and a typed address still work),
# its attribution line, and the datum its tiles are drawn in: 天地图 is CGCS2000 (≈WGS-84, "wgs84"); 高德/腾讯 tiles are "gcj02".
QZ_MAP_TILE_URL = envstr("QZ_MAP_TILE_URL", "")
# Calls one Open311 key may make in a minute (GeoReport v2 at /open311/v2/): more get the spec's 429 error list.
QZ_OPEN311_PER_MINUTE = envint("QZ_OPEN311_PER_MINUTE", 120, minimum=1)
QZ_MAP_ATTRIBUTION = envstr("QZ_MAP_ATTRIBUTION", "")
QZ_MAP_DATUM = envstr("QZ_MAP_DATUM", "wgs84")
QZ_MAP_SUBDOMAINS = envstr("QZ_MAP_SUBDOMAINS", "01234567")
if QZ_MAP_DATUM not in ("wgs84", "gcj02"):
    raise SettingError(f"QZ_MAP_DATUM={QZ_MAP_DATUM!r}: expected wgs84 (天地图, CGCS2000) or gcj02 (高德, 腾讯)")
# A service center's public page: booking and cancelling tries per client address in a window of minutes.
QZ_PUBLIC_TRIES = envint("QZ_PUBLIC_TRIES", 20, minimum=1)
QZ_PUBLIC_TRIES_MINUTES = envint("QZ_PUBLIC_TRIES_MINUTES", 60, minimum=1)

# --- Background work: Celery with Redis when a broker is configured; in-process otherwise.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Several sites (or a test run) may share one Redis: each listens on its own queue.
CELERY_TASK_DEFAULT_QUEUE = envstr("QZ_CELERY_QUEUE", "qingzhuang")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# Monthly 基层减负 reports on the 1st at 06:00 (with a broker and `celery beat`; otherwise cron runs
# `manage.py ledger_reports`).
CELERY_BEAT_SCHEDULE = {
    "ledger-reports": {
        "task": "qingzhuang.ledger.tasks.ledger_reports_scheduled",
        "schedule": crontab(day_of_month="1", hour="6", minute="0"),
    },
    # Overdue cases (吹哨报到) escalate to the lead department's leader within the hour.
    "cases-escalate": {"task": "qingzhuang.cases.tasks.cases_escalate_scheduled", "schedule": crontab(minute="7")},
}
# "thread": run background jobs in a thread of this process; "sync": run them inline (tests).
QZ_INPROCESS_JOBS = envstr("QZ_INPROCESS_JOBS", "thread")
if QZ_INPROCESS_JOBS not in ("thread", "sync"):
    raise RuntimeError(f"QZ_INPROCESS_JOBS={QZ_INPROCESS_JOBS!r}: expected thread or sync")
# A job queued for an in-process thread that has not started after this many seconds never will.
QZ_JOB_START_TIMEOUT = envint("QZ_JOB_START_TIMEOUT", 300)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Django's database sessions, the row read with one prepared SELECT (qingzhuang.accounts.sessions).
SESSION_ENGINE = "qingzhuang.accounts.sessions.db"
REDIS_CACHE_URL = envstr("REDIS_CACHE_URL", "")
if REDIS_CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_CACHE_URL}}
    # Sessions read from Redis and written through to the database (so a Redis restart signs nobody out).
    # Only with a shared cache: a per-process cache would keep a signed-out session alive in the other workers.
    SESSION_ENGINE = "qingzhuang.accounts.sessions.cached_db"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
