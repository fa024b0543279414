"""CoopDB settings, read from the environment (twelve-factor).

Local use needs no environment at all: DEBUG is off unless set, and the
database defaults to a SQLite file in ``var/``. Production sets
``DATABASE_URL`` (PostgreSQL), ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from import_export.formats.base_formats import CSV, XLSX

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# A fixed key would be a secret in the repository; only a DEBUG run may fall
# back to a throwaway one.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-only-for-debug"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so it can patch it.
    "modeltranslation",
    "django.contrib.admin",
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
    "core",
    "organizations",
    "agreements",
    "events",
    "api",
    "workflow",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.RefuseInvalidTextMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
    if DATABASE_STATEMENT_TIMEOUT:
        DATABASES["default"]["OPTIONS"].setdefault("options", f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}s")
# An unreachable database answers 503 with this Retry-After (api.exceptions.handler500).
COOPDB_RETRY_AFTER_SECONDS = env.int("COOPDB_RETRY_AFTER_SECONDS", default=30)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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

LOGIN_URL = "admin:login"

# The body whose cooperation this registry records ("us").
COOPDB_OWN_ORGANIZATION = env.str("COOPDB_OWN_ORGANIZATION", default="stameq")
COOPDB_OWN_COUNTRY = env.str("COOPDB_OWN_COUNTRY", default="VN")

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="coopdb@localhost")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- REST API v1 (issue #4): /api/v1/, see api/ and README "REST API" ---
# Throttle counters live in the default cache: LocMem per process unless
# CACHE_URL names a shared one (redis://..., pymemcache://..., dbcache://table).
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
    # Behind the reverse proxy, set API_NUM_PROXIES=1 so anonymous limits apply per client.
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=None),
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.CoopDBAutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": "format",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CoopDB API",
    "DESCRIPTION": (
        "Read-only registry of STAMEQ's international cooperation for other ministries' systems. "
        "Anonymous callers see public records; a ministry API key (header `X-Api-Key: <key>` or "
        "`Authorization: Api-Key <key>`) also sees government records. Lists are paginated by cursor "
        "(`next` link, `limit` up to 500) and available as CSV (`?format=csv`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
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

# Public site: date display formats per language (coopdb/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["coopdb.formats"]

# --- Staff workflow (workflow app): spreadsheets, radar, reminders, report, documents ---

# django-import-export: .xlsx and .csv only; a file is imported whole or not at
# all; exports neutralise spreadsheet formulas; Viewers may export.
IMPORT_EXPORT_FORMATS = [XLSX, CSV]
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
COOPDB_SITE_URL = env.str("COOPDB_SITE_URL", default="http://127.0.0.1:8000")

# Signed documents (PDF, PNG, JPEG): the upload limit.
COOPDB_DOCUMENT_MAX_BYTES = env.int("COOPDB_DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
