"""Settings for the charter portal. Everything that differs per machine comes from the environment."""

import base64
import hashlib
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from charter_portal.env import env_bool, env_choice, env_database, env_int, env_keys, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Environment variable SECRET_KEY is required when DEBUG is off (set DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-local-development-only-not-for-production-use-0123456789"  # noqa: S105 - development only; refused when DEBUG is off

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Environment variable ALLOWED_HOSTS is required when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "django_tasks_db",
    "charter_portal",
    "accounts",
    "neighbourhoods",
    "organisations",
    "offers",
    "charter",
    "signals",
    "covenants",
    "participation",
    "notifications",
    "support",
    "diversity",
    "cityoverview",
]
# Scale data, benchmarks and the load-test harness (devtools/): in development, or when a run asks for them
# (DEVTOOLS=1, as tests/load/stack.sh does for its seeding and measuring commands). Production has none of them.
if env_bool("DEVTOOLS", DEBUG):
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "charter_portal.caching.RequestVersionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "charter_portal.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API's JSON 404 for paths under /api/ that match no route (after a missing slash is redirected)
    "charter_portal.api_errors.ApiNotFoundMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # 413 for too large a body, before anything reads it (charter_portal/request_limits.py)
    "charter_portal.request_limits.RequestSizeMiddleware",
    # 400 for control characters in the query or the body of a page, before its view reads them
    "charter_portal.input_guard.ControlCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "charter_portal.urls"
WSGI_APPLICATION = "charter_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "charter_portal.context_processors.portal",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared state (API throttling, kept pages and coverage, charter_portal/caching.py) must be shared by every
# app server: the database cache by default, Redis when CACHE_URL says so.
_cache_url = env_str("CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "charter_portal.cache.RedisCache", "LOCATION": _cache_url}}
    # Sessions are read from Redis and written through to the database (they survive a Redis restart).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif _cache_url in ("", "db"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}}
elif _cache_url == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(
        f"Environment variable CACHE_URL must be empty, 'db', 'locmem' or a redis:// URL, got {_cache_url!r}."
    )
# Kept values are found again until the code that changes their data bumps its version; this expiry is the
# backstop for writes made outside the portal's code (a SQL console, another program).
CACHE_KEEP_SECONDS = env_int("CACHE_KEEP_SECONDS", 10 * 60, minimum=1)
# At most this many variants (query strings) of one kept part or API list, per audience, language and version
# of its data: nobody can fill the cache by sending ever new queries (charter_portal/caching.py).
CACHE_KEEP_VARIANTS = env_int("CACHE_KEEP_VARIANTS", 200, minimum=1)
# Keep the logged-in person and their memberships in the shared cache too (accounts/backends.py).
CACHE_KEEP_LOGIN = env_bool("CACHE_KEEP_LOGIN", True)
# Compute every kept value for each request, as if the data it shows had just changed (who is asking stays kept):
# only the benchmark's cold run sets it (docs/performance.md); a deployment never should.
CACHE_KEEP_BYPASS = env_bool("CACHE_KEEP_BYPASS", False)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalModelBackend",  # Django's ModelBackend under the name sessions store
]
# Django's checks in the portal's words ("je" in Dutch, and what to do): accounts/password_validation.py.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Sessions end after 30 minutes without activity.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
# Idle sessions end after SESSION_COOKIE_AGE: charter_portal.middleware.SessionRefreshMiddleware renews the
# expiry at most once a minute instead of writing the session on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# The largest request body (bytes), and the largest one with files (multipart); more is a 413 before it is read.
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 1_000_000, minimum=10_000)
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10_000_000, minimum=REQUEST_BODY_MAX_BYTES)
# Covenant documents: at most this many bytes a file (within the upload limit, which also holds the form), kept in
# the database unless COVENANT_DOCUMENT_STORAGE names one of STORAGES (shared by every app server, e.g. S3).
COVENANT_DOCUMENT_MAX_BYTES = min(
    env_int("COVENANT_DOCUMENT_MAX_BYTES", 8_000_000, minimum=100_000), UPLOAD_MAX_BYTES - 100_000
)
COVENANT_DOCUMENT_STORAGE = env_str("COVENANT_DOCUMENT_STORAGE", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES  # Django's own ceiling for form fields

# django-axes: 5 failures for the same account from the same address lock it for 15 minutes, whatever the
# capitals of the e-mail address; 30 failures from one address over all accounts lock that address
# (accounts/lockout.py). Never the account alone: anyone could lock a city admin out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", 30, minimum=1)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.normalised_username"
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0, minimum=0)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "charter_portal.static_storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)

# E-mail: printed on the console in development, sent over SMTP in production (Django's MAILERS,
# one "default" mailer). Every variable is checked, whichever backend is chosen.
_email_backend = env_choice(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    },
)
_smtp_options = {
    "host": env_str("EMAIL_HOST", "localhost"),
    "port": env_int("EMAIL_PORT", 25, minimum=1),
    "username": env_str("EMAIL_HOST_USER", ""),
    "password": env_str("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS", False),
    "use_ssl": env_bool("EMAIL_USE_SSL", False),
    "timeout": env_int("EMAIL_TIMEOUT", 20, minimum=1),
}
if _smtp_options["use_tls"] and _smtp_options["use_ssl"]:
    raise ImproperlyConfigured("Environment variables EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")
_email_options = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = _smtp_options
elif _email_backend.endswith("filebased.EmailBackend"):
    _email_options = {"file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent_mail"))}
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Charterportaal Gent <charter@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (Django's Tasks framework); every e-mail leaves through one (charter_portal/mail.py).
# Development runs each task at once, in the request, so `make run` needs no worker. Production stores them
# in the database (django-tasks-db, SQLite included) for `manage.py db_worker` beside gunicorn (README).
TASKS = {
    "default": {
        "BACKEND": env_choice(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
            {
                "django_tasks_db.DatabaseBackend",
                "django.tasks.backends.immediate.ImmediateBackend",
                "django.tasks.backends.dummy.DummyBackend",
            },
        )
    }
}

# Public address of the portal, used in e-mails (links in invitations, receipts, reminders).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security. Production (DEBUG off) gets HTTPS-only cookies with the __Host- prefix, HSTS and SSL redirect.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate challenge makes "no or wrong credentials" a 401, as the schema says;
    # a request without a token header goes on to the session (the portal's own pages). Tokens are named and
    # hashed (accounts.models.ApiToken); a password change or reset revokes them.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "charter_portal.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["charter_portal.api.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "charter_portal.api_schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "charter_portal.api_errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "charter_portal.input_guard.ControlCharacterCheck",  # not a throttle: 400 for control characters
        "charter_portal.throttling.AnonRateThrottle",
        "charter_portal.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "120/minute"),
        "user": env_str("API_THROTTLE_USER", "1200/minute"),
    },
    "PAGE_SIZE": 50,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Charter portal Ghent API",
    "DESCRIPTION": "Open API of the portal of the signatories of Ghent's charter on youth work "
    "for children and young people in vulnerable situations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "charter_portal.api_errors.add_error_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "portal.security": {"level": "INFO", "propagate": True},
    },
}

# Domain settings (see README "Configuration").
SIGNAL_ACKNOWLEDGE_WORKING_DAYS = env_int("SIGNAL_ACKNOWLEDGE_WORKING_DAYS", 5, minimum=1)
SIGNAL_ANSWER_DAYS = env_int("SIGNAL_ANSWER_DAYS", 30, minimum=1)
INVITATION_VALID_DAYS = 7

# Indicator imports (neighbourhoods/importing.py): rows of values read (empty rows count), columns, the
# size an XLSX unpacks to by its zip directory, and how much larger than packed a large part of it may be.
INDICATOR_IMPORT_MAX_ROWS = env_int("INDICATOR_IMPORT_MAX_ROWS", 10_000, minimum=1)
INDICATOR_IMPORT_MAX_COLUMNS = env_int("INDICATOR_IMPORT_MAX_COLUMNS", 100, minimum=3)
INDICATOR_IMPORT_MAX_UNPACKED_BYTES = env_int("INDICATOR_IMPORT_MAX_UNPACKED_BYTES", 25_000_000, minimum=100_000)
INDICATOR_IMPORT_MAX_RATIO = env_int("INDICATOR_IMPORT_MAX_RATIO", 100, minimum=2)

# The signature chain's anchors outside the database (charter/anchors.py, docs/security.md): every entry carries
# an HMAC under one of SIGNATURE_HMAC_KEYS (id:secret pairs, oldest first; new entries use
# SIGNATURE_HMAC_KEY_ID, by default the last), and the published chain head is signed with the Ed25519 key
# SIGNATURE_HEAD_KEY (base64 of its 32-byte private seed). Production must set both (`check --deploy`,
# portal.E101 and portal.E102); development and tests derive them from SECRET_KEY.
SIGNATURE_HMAC_KEYS = env_keys("SIGNATURE_HMAC_KEYS")
SIGNATURE_HEAD_KEY = env_str("SIGNATURE_HEAD_KEY", "")
if DEBUG and not SIGNATURE_HMAC_KEYS:
    SIGNATURE_HMAC_KEYS = {"dev": hashlib.sha256(f"signature-hmac:{SECRET_KEY}".encode()).hexdigest()}
if DEBUG and not SIGNATURE_HEAD_KEY:
    SIGNATURE_HEAD_KEY = base64.b64encode(hashlib.sha256(f"signature-head:{SECRET_KEY}".encode()).digest()).decode()
SIGNATURE_HMAC_KEY_ID = env_str("SIGNATURE_HMAC_KEY_ID", "") or next(reversed(SIGNATURE_HMAC_KEYS), "")
if SIGNATURE_HMAC_KEYS and SIGNATURE_HMAC_KEY_ID not in SIGNATURE_HMAC_KEYS:
    raise ImproperlyConfigured(
        f"Environment variable SIGNATURE_HMAC_KEY_ID names no key of SIGNATURE_HMAC_KEYS: {SIGNATURE_HMAC_KEY_ID!r}."
    )
try:
    _head_seed = base64.b64decode(SIGNATURE_HEAD_KEY, validate=True)
except ValueError:
    _head_seed = b""
if SIGNATURE_HEAD_KEY and len(_head_seed) != 32:
    raise ImproperlyConfigured("Environment variable SIGNATURE_HEAD_KEY must be the base64 of 32 random bytes.")

FORM_RENDERER = "charter_portal.forms.PortalFormRenderer"
