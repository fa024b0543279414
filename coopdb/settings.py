"""CoopDB settings, read from the environment (twelve-factor).

Local use needs no environment at all: DEBUG is off unless set, and the
database defaults to a SQLite file in ``var/``. Production sets
``DATABASE_URL`` (PostgreSQL), ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from import_export.formats.base_formats import CSV

from coopdb.formats.vi import formats as vi_formats
from core.spreadsheet_files import SheetCSV, SheetXLSX

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# A fixed key would be a secret in the repository. Without SECRET_KEY, the
# per-checkout key `make run` generated (SECRET_KEY_FILE, var/secret_key) is
# read, so management commands work locally with nothing exported; only a DEBUG
# run may fall back to a throwaway key when neither exists.
SECRET_KEY_FILE = env.path("SECRET_KEY_FILE", default=BASE_DIR / "var" / "secret_key")
SECRET_KEY = env.str("SECRET_KEY", default="") or (
    Path(SECRET_KEY_FILE).read_text().strip() if Path(SECRET_KEY_FILE).is_file() else ""
)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(f"Set SECRET_KEY (or run make run, which writes {SECRET_KEY_FILE}).")
    SECRET_KEY = "insecure-local-development-key-only-for-debug"
# The previous key(s) while rotating (docs/security.md): sessions signed with
# them stay valid until the fallback is removed.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so it can patch it.
    "modeltranslation",
    # Django's admin with CoopDB's admin site (security.sites: two-factor when enforced).
    "security.apps.CoopDBAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    "simple_history",
    "import_export",
    "rest_framework",
    "rest_framework_api_key",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The job queue (docs/jobs.md): Django's Tasks API, jobs stored in the database.
    "django_tasks",
    "django_tasks_db",
    "core",
    "organizations",
    "agreements",
    "events",
    "api",
    "workflow",
    "opendata",
    "webhooks",
    "security",
    "public",
    "coopdb",
]

MIDDLEWARE = [
    # First: decides whether the request reads the replica (coopdb/replica.py).
    "coopdb.replica.ReplicaRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # CORS answers a preflight itself and adds its headers to every /api/
    # response, errors included: above everything that can answer.
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "log_request_id.middleware.RequestIDMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.RejectNulInAddressMiddleware",
    "core.middleware.RefuseInvalidTextMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "security.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "api.middleware.PrivateKeyedResponsesMiddleware",
    # Last, as django-axes requires: it turns a lockout into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coopdb.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "coopdb.wsgi.application"

# SQLite for a newcomer's laptop, PostgreSQL everywhere else (tests included).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'coopdb.sqlite3'}"),
}
# Persistent connections outside DEBUG (a connection per request costs a few
# milliseconds and, under load, connection slots).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
# With persistent connections, a PostgreSQL restart would otherwise make the
# first request on each stale connection fail.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = DATABASES["default"]["CONN_MAX_AGE"] > 0
# gunicorn kills a worker after GUNICORN_TIMEOUT seconds (gunicorn.conf.py);
# PostgreSQL cancels a statement a little earlier, so a runaway query ends as a
# clean 503 instead of a killed worker. 0 turns the time-out off (e.g. for a
# long migration: DATABASE_STATEMENT_TIMEOUT=0 manage.py migrate).
GUNICORN_TIMEOUT = env.int("GUNICORN_TIMEOUT", default=30)
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=0 if DEBUG else max(GUNICORN_TIMEOUT - 5, 1))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
    # Our queries are short; JIT compilation cost seconds on a search over 1M rows.
    server_options = ["-c jit=off"]
    if DATABASE_STATEMENT_TIMEOUT:
        server_options.append(f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}s")
    DATABASES["default"]["OPTIONS"].setdefault("options", " ".join(server_options))
# A PostgreSQL streaming replica for anonymous reads (coopdb/replica.py,
# docs/performance.md): same options as the primary, never migrated, and in
# tests a mirror of the test database.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **DATABASES["default"],
        **env.db_url("DATABASE_REPLICA_URL"),
        "TEST": {"MIRROR": "default"},
    }
    for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS"):
        DATABASES["replica"][key] = DATABASES["default"].get(key)
DATABASE_ROUTERS = ["coopdb.replica.PrimaryReplicaRouter"]
# After a client's write its reads stay on the primary this long (read-your-writes).
COOPDB_REPLICA_PIN_SECONDS = env.int("COOPDB_REPLICA_PIN_SECONDS", default=10)

# An unreachable database answers 503 with this Retry-After (api.exceptions.handler500).
COOPDB_RETRY_AFTER_SECONDS = env.int("COOPDB_RETRY_AFTER_SECONDS", default=30)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first, English second. The language is part of public URLs.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# core's catalog also ranks above the installed libraries': it gives Vietnamese to
# the history and import/export pages (no Vietnamese catalog of their own) and
# corrects Django's "History" ("Bản ghi nhớ", which is our word for an MoU).
LOCALE_PATHS += [BASE_DIR / "core" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Ho_Chi_Minh")

# django-modeltranslation: Vietnamese is required, English falls back to it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Where the open-data package is built (opendata.services); served by the app itself.
OPEN_DATA_DIR = env.path("OPEN_DATA_DIR", default=str(Path(str(MEDIA_ROOT)) / "open-data"))

LOGIN_URL = "admin:login"

# The body whose cooperation this registry records ("us").
COOPDB_OWN_ORGANIZATION = env.str("COOPDB_OWN_ORGANIZATION", default="stameq")
COOPDB_OWN_COUNTRY = env.str("COOPDB_OWN_COUNTRY", default="VN")

# Country names the Vietnamese way (core/locale and locale/vi give the
# Vietnamese): the official names where they differ from the library's
# (Đài Loan (Trung Quốc), ...), one distinct name per country (the library
# gives "Ai-len" to both Iceland and Ireland, "Áo" to Austria and Jersey,
# "Nigeria" to Niger and Nigeria), and one English spelling of our own country,
# "Viet Nam", as the government and the UN write it.
COUNTRIES_OVERRIDE = {
    "VN": pgettext_lazy("country", "Viet Nam"),
    "TW": pgettext_lazy("country", "Taiwan"),
    "HK": pgettext_lazy("country", "Hong Kong"),
    "MO": pgettext_lazy("country", "Macao"),
    "IS": pgettext_lazy("country", "Iceland"),
    "IE": pgettext_lazy("country", "Ireland"),
    "JE": pgettext_lazy("country", "Jersey"),
    "NE": pgettext_lazy("country", "Niger"),
}
# Territories a partner list must not head "Countries".
COOPDB_TERRITORIES = ("TW", "HK", "MO")
# An office or membership with no end is "current" only while a source dated
# within this many days confirms it; otherwise it shows "last reported ...".
COOPDB_CONFIRMATION_WINDOW_DAYS = env.int("COOPDB_CONFIRMATION_WINDOW_DAYS", default=730)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="coopdb@localhost")

# --- Job queue and webhooks (docs/jobs.md, docs/api.md "Webhooks") ---

# Jobs (webhook deliveries, scheduled report e-mails) are rows in the database
# that `manage.py db_worker` runs: the same on SQLite (make run) and PostgreSQL.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A delivery is given up after this many attempts; the wait before attempt n+1
# is WEBHOOK_RETRY_BASE_SECONDS * 4**(n-1) (30 s, 2 min, 8 min, 32 min, ...).
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
WEBHOOK_RETRY_BASE_SECONDS = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=30)
WEBHOOK_TIMEOUT_SECONDS = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
# Off: a webhook URL may not point at a loopback, private, link-local or
# reserved address (so an admin form cannot make the server call its own
# network). make run turns it on for local receivers.
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=DEBUG)

# --- Security (issue #12; docs/security.md) ---

# HTTPS=1 in production (behind a proxy that terminates TLS and sets
# X-Forwarded-Proto) turns on the redirect, a year of HSTS with subdomains and
# secure __Host- cookies; each can still be set on its own.
HTTPS = env.bool("HTTPS", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=HTTPS)
# The __Host- prefix makes browsers refuse the cookie unless it is secure,
# host-only and for path "/", so a sibling subdomain cannot plant one.
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"

# Sessions are staff sessions (the public site and the API keep none): they end
# after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after the
# login whatever happens (security.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_COOKIE_AGE = env.int("SESSION_MAX_HOURS", default=12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# How many reverse proxies in front of the app append to X-Forwarded-For. The
# client address is the one the outermost trusted proxy saw; with 0 (the
# default) the header is ignored and REMOTE_ADDR is the client. API_NUM_PROXIES
# is the older name of the same setting.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=env.int("API_NUM_PROXIES", default=0))

# Staff log-in: django-axes locks a user name out from one client address after
# LOGIN_FAILURE_LIMIT failures, for LOGIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "security.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# Our audit trail records every attempt; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True

# Two-factor (TOTP, django-otp) for the staff admin: on in production
# (STAFF_OTP_REQUIRED=1), off by default so a local checkout logs in with a password.
COOPDB_STAFF_OTP_REQUIRED = env.bool("STAFF_OTP_REQUIRED", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="CoopDB")

# Content-Security-Policy (django-csp) on every response: our own files only,
# scripts also by a per-response nonce, never framed. Styles allow inline
# attributes (the admin's widgets and Swagger UI set them).
EXPORT_SELECT_ALL_HANDLER = "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # One inline handler we do not write: django-import-export's export page's
        # "Select all" box (onchange="onSelectToggleChange(event)"), allowed by its hash.
        "script-src": [SELF, NONCE, UNSAFE_HASHES, EXPORT_SELECT_ALL_HANDLER],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page of ours uses.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Request ids (django-log-request-id): every log line carries one, and the
# response's X-Request-ID header gives it to whoever reports a problem. An id
# sent by the client is only trusted from the proxy named in REQUEST_ID_HEADER.
LOG_REQUEST_ID_HEADER = env.str("REQUEST_ID_HEADER", default=None)
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "log_request_id.filters.RequestIDFilter"}},
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # The audit trail's lines (security.services.record_event), whatever LOG_LEVEL says.
        "coopdb.audit": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- REST API v1 (issue #4): /api/v1/, see api/ and README "REST API" ---
# Throttle counters live in the default cache: LocMem per process unless
# CACHE_URL names a shared one. Production with more than one worker sets
# CACHE_URL=redis://host:6379/0 (Django's Redis backend, the redis client is
# installed) so every worker counts against the same budget.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.MinistryKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "api.renderers.CSVRenderer"],
    # Read-only: there is no body to parse.
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["api.filters.AudienceFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.KeysetPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.MinistryKeyThrottle", "api.throttling.AnonymousThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "ministry_key": env.str("API_RATE_PER_KEY", default="1200/minute"),
        "anonymous": env.str("API_RATE_ANONYMOUS", default="120/minute"),
    },
    # The throttles read the client address from security.clients (TRUSTED_PROXIES);
    # DRF's own reading agrees: 0 is REMOTE_ADDR, never the whole X-Forwarded-For.
    "NUM_PROXIES": TRUSTED_PROXIES,
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.CoopDBAutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": "format",
    "DEFAULT_VERSIONING_CLASS": None,
}
# CORS (django-cors-headers, api/cors.py): browser origins allowed to read the
# API, none by default: these, plus every origin a ministry lists in the admin.
CORS_ALLOWED_ORIGINS = env.list("API_CORS_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "authorization", "x-api-key", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After", "X-Request-ID", "Deprecation", "Sunset", "Link")
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 3600
# How long a shared cache or a browser may keep an anonymous API response
# (Cache-Control: public, max-age); responses to a key are never stored.
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)
SPECTACULAR_SETTINGS = {
    "TITLE": "CoopDB API",
    "DESCRIPTION": (
        "Read-only registry of STAMEQ's international cooperation for other ministries' systems. "
        "Anonymous callers see public records; a ministry API key (header `X-Api-Key: <key>` or "
        "`Authorization: Api-Key <key>`) also sees government records. Lists are paginated by cursor "
        "(`next` link, `limit` up to 500) and available as CSV (`?format=csv`)."
    ),
    "VERSION": "1.2.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "DEFAULT_GENERATOR_CLASS": "api.schema.EnglishSchemaGenerator",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.drop_parameter_titles",
        "api.schema.constrain_parameters",
    ],
    # Several models have a "kind" or a "status": name each enum after its choices.
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "organizations.choices.OrganizationKind",
        "AgreementKindEnum": "agreements.choices.AgreementKind",
        "EventKindEnum": "events.choices.EventKind",
        "AgreementStatusEnum": "agreements.choices.AgreementStatus",
        "CommitmentStatusEnum": "agreements.choices.CommitmentStatus",
        "InitiativeStatusEnum": "events.choices.InitiativeStatus",
        "DuesStatusEnum": "organizations.choices.DuesStatus",
    },
}

# Date display and input formats per language (coopdb/formats/<lang>/formats.py):
# input is day first in both languages. The same input formats are the global
# default, for code that runs with translation deactivated (commands, checks),
# where Django's default would read 01/07/2019 month first.
FORMAT_MODULE_PATH = ["coopdb.formats"]
DATE_INPUT_FORMATS = vi_formats.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = vi_formats.DATETIME_INPUT_FORMATS

# --- Staff workflow (workflow app): spreadsheets, radar, reminders, report, documents ---

# django-import-export: .xlsx and .csv only; a file is imported whole or not at
# all; exports neutralise spreadsheet formulas; Viewers may export.
# Imports read what Excel writes (any CSV separator and encoding) and say what
# is wrong with a file in words (core/spreadsheet_files.py); the two lists
# keep the same order (the form posts the format's index).
IMPORT_EXPORT_FORMATS = [SheetXLSX, CSV]
IMPORT_FORMATS = [SheetXLSX, SheetCSV]
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Deadline radar and reminders: horizons in days (the radar's choices; a
# reminder goes out when an item enters each one, and once when overdue).
COOPDB_RADAR_HORIZONS = env.list("COOPDB_RADAR_HORIZONS", cast=int, default=[7, 30, 90])
# Reminders about items nobody in particular is responsible for go here.
COOPDB_REMINDER_DEPARTMENT_EMAIL = env.str("COOPDB_REMINDER_DEPARTMENT_EMAIL", default="htqt@localhost")
# Links in e-mails are absolute: the address staff reach the site at.
# The public site's contact page (sitepages): where the public writes to.
COOPDB_CONTACT_EMAIL = env.str("COOPDB_CONTACT_EMAIL", default="")
COOPDB_CONTACT_ADDRESS = env.str(
    "COOPDB_CONTACT_ADDRESS", default="Tổng cục Tiêu chuẩn Đo lường Chất lượng, 8 Hoàng Quốc Việt, Cầu Giấy, Hà Nội"
)
COOPDB_SITE_URL = env.str("COOPDB_SITE_URL", default="http://127.0.0.1:8000")

# Signed documents (PDF, PNG, JPEG): the upload limit.
COOPDB_DOCUMENT_MAX_BYTES = env.int("COOPDB_DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
