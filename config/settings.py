"""Lookout settings: one file, driven by the environment, with an embedded default.

With no environment variable set, the product runs on a SQLite file under var/, with Celery in
eager mode (no broker) and DEBUG on. Production switches on by environment: DATABASE_URL,
REDIS_URL (or CELERY_BROKER_URL), SECRET_KEY, ALLOWED_HOSTS, DEBUG=0. Every variable is listed
in .env.example and in the README.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envlist, envsecret

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

# --- Core -------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/#debug
DEBUG = envbool("DEBUG", default=True)
# https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key
SECRET_KEY = envsecret("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("DEBUG is off but SECRET_KEY is the development key: set SECRET_KEY.")
# https://docs.djangoproject.com/en/5.2/ref/settings/#allowed-hosts
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # search and index expressions on PostgreSQL; inert on SQLite
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "tracker.common",
    "tracker.sources",
    "tracker.places",
    "tracker.laws",
    "tracker.partnerships",
    "tracker.conflicts",
    "tracker.importers",
    "tracker.api",
    "tracker.web",
    "tracker.alerts",
    "knox",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a cookie-less anonymous GET may be answered from the shared cache.
    "tracker.common.public_cache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # People get the site's 404 page, never Django's debug listing of URL patterns.
    "tracker.web.errors.FriendlyNotFoundMiddleware",
    # Records the request's user on every history row written during the request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: turns a locked-out sign-in into the lock-out answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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

# --- Database ---------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/databases/
# Embedded default: a SQLite file in WAL mode. IMMEDIATE transactions take the write lock at
# BEGIN, so read-then-write blocks wait out the busy timeout instead of failing "database is locked".
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    # PostgreSQL (the only server database): a request's queries are short, and compiling them (JIT) cost more
    # than it saved; the data sit in memory or on SSD, where random reads cost about what sequential ones do.
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c random_page_cost=1.1"
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": {
        "ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "lookout.sqlite3"),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
                    "transaction_mode": "IMMEDIATE", "timeout": 20},
    }}

# --- Auth -------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/auth/passwords/
# Argon2 for new and re-hashed passwords; the others only verify hashes made before it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# AxesStandaloneBackend first: it refuses a locked-out (username, address) before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
# Sessions end after 8 idle hours (each request renews the cookie) and at browser close.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# https://django-axes.readthedocs.io/en/latest/4_configuration.html
# Five failures for one username from one address lock that pair out for an hour, on every
# sign-in path (pages, admin, API session and token); the sixth try is refused even with the
# right password. Counts live in the database, so every server process sees the same ones.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tracker.api.views.auth.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # no start-up banner in every process; lockouts are logged all the same
# The client address is REMOTE_ADDR unless proxies are declared, so a forged X-Forwarded-For
# cannot reset the count (the same rule as the API throttles' NUM_PROXIES).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("API_NUM_PROXIES", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# https://jazzband.github.io/django-rest-knox/settings/
# Script tokens: only a SHA-512 digest is stored; each expires after TOKEN_TTL_DAYS.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=int(os.environ.get("TOKEN_TTL_DAYS", "30"))),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
# https://whitenoise.readthedocs.io/en/stable/django.html
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

# --- Celery -----------------------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
# No broker configured: tasks run eagerly in-process (the embedded product needs no services).
# Redis configured: real workers; every socket is bounded so a hung Redis never hangs a request
# (measured: a publish to a hung Redis gives up in about 2 s instead of never). Re-evaluations go
# through an outbox (tracker.conflicts.outbox): a failed publish leaves a row the relay sends later.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # .delay() then never touches a result backend
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged after it ran, and a killed worker's task goes back to the queue.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_BROKER_CONNECTION_TIMEOUT = 2  # alone it does not bound a hung Redis: the transport options do
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
_CELERY_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
    "max_retries": 1,
    # Unacknowledged messages come back after this long; longer than the longest task (30 min).
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(2 * 60 * 60))),
    # Look for such messages every 10 s (kombu's default is every 100 s).
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = _CELERY_RETRY
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 2
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": _CELERY_RETRY}
# Run exactly one beat.
CELERY_BEAT_SCHEDULE = {
    "nightly-full-sweep": {"task": "tracker.conflicts.tasks.sweep_all", "schedule": 24 * 60 * 60},
    # The outbox relay: owed sweeps reach the broker within this long of Redis coming back.
    "dispatch-pending-sweeps": {"task": "tracker.conflicts.tasks.dispatch_pending_sweeps", "schedule": 15.0},
    # Hourly is safe: at most one digest per user and period (a claimed row per user and period).
    "send-digests": {"task": "tracker.alerts.tasks.send_digests", "schedule": 60 * 60},
}

# --- ICE 287(g) monitor -----------------------------------------------------------------
# Beat checks ICE's page every ICE_287G_FETCH_SECONDS (0 = never) and imports sheets it has not
# seen (manage.py fetch_287g does the same once). Each download is capped at 10 MB and timed out.
ICE_287G_URL = os.environ.get("ICE_287G_URL", "https://www.ice.gov/identify-and-arrest/287g")
ICE_287G_FETCH_SECONDS = int(os.environ.get("ICE_287G_FETCH_SECONDS", str(24 * 60 * 60)))
ICE_287G_TIMEOUT = float(os.environ.get("ICE_287G_TIMEOUT", "30"))
if ICE_287G_FETCH_SECONDS > 0:
    CELERY_BEAT_SCHEDULE["fetch-ice-287g"] = {
        "task": "tracker.importers.tasks.fetch_ice_287g",
        "schedule": ICE_287G_FETCH_SECONDS,
    }

# --- Cache ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/cache/
# Throttle counters live here. With REDIS_URL set they are shared by every server process (a
# per-process LocMem cache would let each process grant the full rate) and fail open: a down or
# hung Redis costs at most one 0.25 s socket timeout per call and never an error (config.cache).
# Without Redis the embedded product keeps a per-process LocMem cache.
CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL") or os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "config.cache.FailOpenRedisCache", "LOCATION": CACHE_REDIS_URL, "KEY_PREFIX": "lookout"}
    if CACHE_REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "lookout"}
}

# Anonymous (cookie-less, token-less) GET answers are shared through this cache for up to this
# many seconds, and retired at once by any committed write (tracker.common.public_cache). On by
# default only with Redis: a per-process LocMem cache could not be retired by another process.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS") or (300 if CACHE_REDIS_URL else 0))

# --- REST framework ---------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "tracker.api.schema.LookoutAutoSchema",
    # Token first: its WWW-Authenticate header turns "not signed in" into 401 rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny unless a view opens access itself (tracker.api.permissions).
    "DEFAULT_PERMISSION_CLASSES": ["tracker.api.permissions.DenyAll"],
    # JSON only; NUL characters in its text are refused with a 400 (PostgreSQL cannot compare or store them).
    "DEFAULT_PARSER_CLASSES": ["tracker.api.parsers.TextJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "tracker.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "tracker.api.exceptions.error_handler",
    # ?format= selects exports (csv, xlsx), handled by the list views, not by renderer negotiation.
    "URL_FORMAT_OVERRIDE": None,
    # https://www.django-rest-framework.org/api-guide/throttling/ (abuse control, not security)
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "120/minute"),
        "user": os.environ.get("API_USER_RATE", "1200/minute"),
        "auth": os.environ.get("API_AUTH_RATE", "10/minute"),
        "export": os.environ.get("API_EXPORT_RATE", "30/minute"),
        # PDF memos take the server seconds each: anonymous visitors get a few a minute, signed-in users more.
        "memo_pdf_anon": os.environ.get("MEMO_PDF_ANON_RATE", "4/minute"),
        "memo_pdf_user": os.environ.get("MEMO_PDF_USER_RATE", "30/minute"),
    },
    # Clients are told apart by REMOTE_ADDR; behind a proxy set API_NUM_PROXIES so X-Forwarded-For is trusted.
    "NUM_PROXIES": int(os.environ.get("API_NUM_PROXIES", "0")),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lookout API",
    "DESCRIPTION": "Local surveillance law, federal partnerships, and the conflicts between them. "
    'Every error has the shape {"error": {"code", "message", "fields"}}.',
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tracker.api.schema.drop_uri_format_on_output",
        "tracker.api.schema.nonempty_query_strings",
    ],
    "ENUM_NAME_OVERRIDES": {
        "JurisdictionKindEnum": "tracker.places.choices.JurisdictionKind",
        "AgencyKindEnum": "tracker.places.choices.AgencyKind",
        "InstrumentKindEnum": "tracker.laws.choices.InstrumentKind",
        "InstrumentStatusEnum": "tracker.laws.choices.InstrumentStatus",
        "EventKindEnum": "tracker.laws.choices.EventKind",
        "ExceptionKindEnum": "tracker.laws.choices.ExceptionKind",
        "TechnologyEnum": "tracker.laws.choices.Technology",
        "ProgramKindEnum": "tracker.partnerships.choices.ProgramKind",
        "CapabilityKindEnum": "tracker.partnerships.choices.CapabilityKind",
        "PartnershipStatusEnum": "tracker.partnerships.choices.PartnershipStatus",
        "SharingKindEnum": "tracker.partnerships.choices.SharingKind",
        "SharingEventKindEnum": "tracker.partnerships.choices.SharingEventKind",
        "RecipientEnum": "tracker.partnerships.choices.Recipient",
        "PurposeEnum": "tracker.partnerships.choices.Purpose",
        "SourceKindEnum": "tracker.sources.choices.SourceKind",
        "FlagStatusEnum": "tracker.conflicts.choices.FlagStatus",
        "RuleStatusEnum": "tracker.conflicts.choices.RuleStatus",
        "SeverityEnum": "tracker.conflicts.choices.Severity",
    },
}

# --- E-mail and watch digests -----------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/email/
# Without EMAIL_HOST, digests are written to the console (the embedded product sends no mail).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Lookout <lookout@localhost>")
ALERTS_DIGEST_PERIOD = os.environ.get("ALERTS_DIGEST_PERIOD", "daily")  # daily or weekly
LOOKOUT_BASE_URL = os.environ.get("LOOKOUT_BASE_URL", "http://127.0.0.1:8000")  # links in e-mails

# --- Logging ----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Production hardening (on when DEBUG is off) ----------------------------------------
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
if not DEBUG:
    # TLS ends at the proxy, which sets X-Forwarded-Proto. SECURE_SSL_REDIRECT=0 only for a proxy
    # that redirects by itself, or a loopback benchmark.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# https://django-csp.readthedocs.io/en/latest/configuration.html
# Everything is served from this origin: no CDN, no inline script or style. A page that needs an
# inline script marks it with the request's nonce ({{ request.csp_nonce }}).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
