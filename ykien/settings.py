"""Settings for Ý Kiến: one module, every value read from the environment with a safe default.

Embedded default: SQLite (WAL) and media under ``var/``, tasks in the database.
Production: ``DATABASE_URL=postgres://…``, ``DEBUG=false``, ``SECRET_KEY`` required.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("YKIEN_VAR_DIR", BASE_DIR.parent / "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# A test run says so explicitly: scripts/test.sh exports YKIEN_TESTING=1, and a bare `pytest` loads
# ykien.testing_env first (pyproject's addopts), which sets it before Django reads this file.
TESTING = env_bool("YKIEN_TESTING", False)


# Commands that serve requests or run background tasks: without ``SECRET_KEY`` they refuse to
# start (outside the demo and development), even when a key is kept under var/.
SERVING_COMMANDS = frozenset({"serve", "worker", "db_worker", "runserver", "testserver"})


def cli_command() -> str | None:
    """The management command this very process runs through ``ykien`` (``ykien.cli`` records it
    with its process id, so the processes it starts — web workers — do not inherit it)."""
    pid, _, command = os.environ.get("YKIEN_CLI_COMMAND", "").partition(":")
    return command if pid and pid == str(os.getpid()) else None


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if DEBUG or TESTING or env_bool("YKIEN_DEMO", False):
        # Demo and development: a key generated once and kept under var/.
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()
    command = cli_command()
    if command is not None and command not in SERVING_COMMANDS:
        # Another command (`ykien drafts split`, `ykien shell`, `migrate` …): the key the demo
        # kept under var/, else one for this process only (it serves no session, no link).
        if path.exists():
            return path.read_text().strip()
        return secrets.token_urlsafe(50)
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off (export SECRET_KEY=…); "
        "`ykien demo` generates one under var/."
    )


SECRET_KEY = _secret_key()
# Exported by whoever runs the site (not generated under var/ or for this process): a backup's
# key file includes it.
SECRET_KEY_EXPORTED = bool(os.environ.get("SECRET_KEY"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "captcha",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # Swagger UI's files from the installed django-ninja: /api/v1/docs works offline
    "csp",  # django-csp: the Content-Security-Policy header (see "Security" below)
    "ykien.core",
    "ykien.accounts",
    # Citizens' accounts: sign-up, e-mail confirmation, password reset. After ykien.accounts,
    # whose templates override allauth's.
    "allauth",
    "allauth.account",
    "ykien.experts",
    "ykien.consultations",
    "ykien.petitions",
    "ykien.oversight",
    "ykien.dialogue",
    "ykien.reception",
    "ykien.reporting",
    "ykien.participation",
    "ykien.national",
    # Citizens verified by an OpenID Connect provider (national consultations); the demo provider.
    "ykien.identity",
    "ykien.portal",
    "ykien.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ykien.core.locale_middleware.DefaultVietnameseLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ykien.core.middleware.RequireOTPForConfidentialRolesMiddleware",
    "axes.middleware.AxesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # The language of a citizen's profile, set as the language cookie at sign-in (ykien.accounts).
    "ykien.accounts.middleware.ProfileLanguageMiddleware",
]

ROOT_URLCONF = "ykien.urls"
WSGI_APPLICATION = "ykien.wsgi.application"

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
                "ykien.core.context_processors.site",
                "ykien.participation.context.notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
from ykien.core.dburl import database_from_url  # noqa: E402

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", ""),
        var_dir=VAR_DIR,
        # The PostgreSQL test database (default "test_<NAME>"): set it to run several suites
        # against one server at once.
        test_name=os.environ.get("TEST_DB_NAME", ""),
    )
}

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, plus sign-in with a confirmed e-mail address; refuses a citizen whose
    # address is not confirmed yet (ykien.accounts.backends).
    "ykien.accounts.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "ykien.core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
# The fallback only: core.views.LoginView sends staff to the workspace, citizens home.
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# django-axes: lock out after repeated failed logins (per user name and address).
# PostgreSQL: the hottest statements are prepared once per connection (ykien.core.prepared);
# switch off behind a pooler that cannot keep prepared statements.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_VERBOSE = False
# Lockouts count per client address, computed once for the whole site (core.clientip).
AXES_CLIENT_IP_CALLABLE = "ykien.core.clientip.client_ip"

OTP_TOTP_ISSUER = "Ý Kiến"

# Citizens' accounts (django-allauth, ykien.accounts; see docs/domains/participation.md). Citizens
# sign up with an e-mail address, confirm it by a link that expires, and sign in on the one sign-in
# page (core.views.LoginView) with that address or their user name; staff keep user name + TOTP.
ACCOUNT_ADAPTER = "ykien.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {
    "signup": "ykien.accounts.forms.SignupForm",
    "reset_password": "ykien.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "ykien.accounts.forms.ResetPasswordKeyForm",
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = int(os.environ.get("ACCOUNT_CONFIRMATION_DAYS", "3"))
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up and reset answer the same whether or not the address has an account; the owner of a
# known address gets a notice by mail. No mail to unknown addresses (no mail to strangers).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ý Kiến] "
ACCOUNT_RATE_LIMITS = {
    "signup": os.environ.get("ACCOUNT_SIGNUP_LIMIT", "10/h/ip"),
    "reset_password": os.environ.get("ACCOUNT_RESET_LIMIT", "10/h/ip,3/h/key"),
    "reset_password_from_key": "20/h/ip",
    "confirm_email": "1/3m/key",
}

# Personal data (core.pii): comma-separated Fernet keys, the first encrypts, all decrypt. Required
# when DEBUG is off outside the demo; the demo and development keep a generated key under var/.
PII_KEYS = os.environ.get("YKIEN_PII_KEYS", "").strip()
# `ykien demo` (ykien.cli sets it): generated keys are allowed as in development.
DEMO = env_bool("YKIEN_DEMO", False)

# Citizens' national identity (ykien.identity, docs/domains/national.md "Identity"): an OpenID
# Connect provider the operator configures (VNeID or any OIDC provider). The issuer (discovery at
# <issuer>/.well-known/openid-configuration unless OIDC_DISCOVERY_URL says otherwise), our client
# id and secret there. Empty: no provider, unless the built-in demo provider is on (below).
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").strip().rstrip("/")
OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "").strip()
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "").strip()
OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "").strip()
OIDC_SCOPES = os.environ.get("OIDC_SCOPES", "openid profile").strip()
# The ID token's signature algorithms we accept (never "none" nor a shared-secret HMAC).
OIDC_ID_TOKEN_ALGORITHMS = env_list("OIDC_ID_TOKEN_ALGORITHMS", "RS256")
# The claim that carries the province code (providers name it differently).
OIDC_PROVINCE_CLAIM = os.environ.get("OIDC_PROVINCE_CLAIM", "province").strip()
OIDC_LEEWAY_SECONDS = int(os.environ.get("OIDC_LEEWAY_SECONDS", "60"))
# The provider's keys (JWKS) are kept in memory; an unknown key id fetches them again, at most once
# per this many seconds; they are fetched again anyway after OIDC_JWKS_MAX_AGE seconds.
OIDC_JWKS_MIN_REFRESH_SECONDS = int(os.environ.get("OIDC_JWKS_MIN_REFRESH_SECONDS", "60"))
OIDC_JWKS_MAX_AGE = int(os.environ.get("OIDC_JWKS_MAX_AGE", "3600"))
OIDC_HTTP_TIMEOUT = float(os.environ.get("OIDC_HTTP_TIMEOUT", "10"))
# How long a citizen stays signed in (a session only: no account is created).
IDENTITY_SESSION_SECONDS = int(os.environ.get("IDENTITY_SESSION_SECONDS", "7200"))
# The built-in demo provider at /demo-oidc/ (demo citizens, no password; its key under var/): on
# in the demo, development and tests, never in production unless switched on here.
IDENTITY_DEMO_PROVIDER = env_bool("YKIEN_IDENTITY_DEMO_PROVIDER", DEBUG or TESTING or DEMO)


def _identity_hash_key() -> str:
    """The key of the keyed hash of a person's identifier at the provider. Required in production
    (when a provider is used: ykien.identity says so); demo and development keep one under var/."""
    key = os.environ.get("YKIEN_IDENTITY_HASH_KEY", "").strip()
    if key or not (DEBUG or TESTING or DEMO):
        return key
    path = VAR_DIR / "identity_hash_key"
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


IDENTITY_HASH_KEY = _identity_hash_key()

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
# Front-end libraries from the npm registry (package.json, installed by `make install`: npm ci),
# served from node_modules under /static/vendor/<package>/ and never copied into the repository.
NODE_MODULES = Path(os.environ.get("YKIEN_NODE_MODULES", BASE_DIR.parent / "node_modules"))
NODE_STATIC = {
    "leaflet": "leaflet/dist",
    "leaflet.markercluster": "leaflet.markercluster/dist",
    "tom-select": "tom-select/dist",
}
STATICFILES_DIRS = [
    BASE_DIR / "static",
    *(
        (f"vendor/{name}", NODE_MODULES / folder)
        for name, folder in NODE_STATIC.items()
        if (NODE_MODULES / folder).is_dir()
    ),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files that must never be reachable by URL (petition attachments, identity images): served only
# through views that check permission and log the read.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# Uploaded zips (.docx, .xlsx) are inflated in a stream, counting the bytes really produced, and
# refused past these (ykien.core.files.verify_archive): members, unpacked bytes, and unpacked
# bytes per compressed byte of a member.
UPLOAD_ARCHIVE_MAX_MEMBERS = int(os.environ.get("UPLOAD_ARCHIVE_MAX_MEMBERS", "1000"))
UPLOAD_ARCHIVE_MAX_UNPACKED = int(os.environ.get("UPLOAD_ARCHIVE_MAX_UNPACKED_MB", "200")) << 20
UPLOAD_ARCHIVE_MAX_RATIO = int(os.environ.get("UPLOAD_ARCHIVE_MAX_RATIO", "300"))
# A draft's text: what a .docx may unpack to (python-docx holds it all in memory), and the time
# allowed to read and split it (ykien.consultations.services.draft_text_read).
DRAFT_MAX_UNPACKED = int(os.environ.get("DRAFT_MAX_UNPACKED_MB", "50")) << 20
DRAFT_PARSE_SECONDS = float(os.environ.get("DRAFT_PARSE_SECONDS", "60"))

# --- Background tasks (django-tasks, database backend) --------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- Web server (`ykien serve`, `ykien demo`: granian) ------------------------------------------
WEB_HOST = os.environ.get("HOST", "127.0.0.1")
WEB_PORT = int(os.environ.get("PORT", "8000"))
WEB_WORKERS = int(os.environ.get("WEB_WORKERS", "2"))
WEB_THREADS = int(os.environ.get("WEB_THREADS", "4"))
WEB_BACKLOG = int(os.environ.get("WEB_BACKLOG", "1024"))
WEB_ACCESS_LOG = env_bool("WEB_ACCESS_LOG", False)  # one log line per request
# Seconds a worker is given to finish its requests when the server stops or restarts it.
WEB_KILL_TIMEOUT = int(os.environ.get("WEB_KILL_TIMEOUT", "30"))

# --- Mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ý Kiến <no-reply@ykien.localhost>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Set by whoever runs the site (not the demo's default): `ykien demo` then keeps it.
SITE_URL_EXPORTED = bool(os.environ.get("SITE_URL"))
# Served over HTTPS (by a proxy in front of `ykien serve`): HSTS, redirect to https, secure cookies.
HTTPS = env_bool("HTTPS", SITE_URL.lower().startswith("https://"))

# --- Cache ----------------------------------------------------------------------------------
# The database cache's table, created by `ykien migrate` (core migration 0003_cache_table).
CACHE_TABLE = "ykien_cache"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if not TESTING
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": CACHE_TABLE,
        # Rate-limit counters live here (core.ratelimit), one per address and form per window:
        # the default of 300 entries would cull them, and with them the limits, on a busy day.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

# --- Maps (Leaflet) --------------------------------------------------------------------------
# The tile server the maps draw on, chosen by the operator: {z}/{x}/{y} (and {s}) as Leaflet reads
# them; OpenStreetMap's standard tiles by default (mind their usage policy on a busy site). Empty:
# the maps draw no tiles (markers, lists and tables still work) and nothing is fetched elsewhere.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)


def tile_origin(url: str) -> str | None:
    """The origin of a tile URL for the Content-Security-Policy (``{s}`` subdomains → ``*``), or
    None when the tiles come from this site or there are none."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


MAP_TILE_ORIGIN = tile_origin(MAP_TILE_URL)

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
# The health check answers over plain HTTP too (a supervisor or load balancer probing the port).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Subdomains or preload switched off on purpose: not a warning of `ykien check --deploy`.
SILENCED_SYSTEM_CHECKS = [
    *(["security.W005"] if not SECURE_HSTS_INCLUDE_SUBDOMAINS else []),
    *(["security.W021"] if not SECURE_HSTS_PRELOAD else []),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, pictures, sounds and requests only from this
# site; no inline script, no inline event handler, no inline style (the templates keep their
# scripts and styles in static files). "data:" pictures: the icons inside Swagger UI's stylesheet
# (/api/v1/docs). No frame may embed the site (as X-Frame-Options), forms post only to the site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else [])],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# A refused request of our own forms (a missing or wrong CSRF token) gets the site's page.
CSRF_FAILURE_VIEW = "ykien.core.error_views.csrf_failure"
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# How many proxies of ours append to X-Forwarded-For: the client is that many entries from the
# right (core.clientip). Without BEHIND_PROXY the header is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1")) if BEHIND_PROXY else 0

CAPTCHA_FONT_SIZE = 32
CAPTCHA_LENGTH = 5
CAPTCHA_TEST_MODE = False

# --- Logging --------------------------------------------------------------------------------
# A 403 or a suspicious request is one WARNING line without a traceback; a 500 keeps its own.
# "django" loses Django's own handlers (the DEBUG-only console would print the traceback again;
# mail_admins has no ADMINS): its records reach the root's console.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors": {"()": "ykien.core.logfilters.ClientErrorsOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client_errors"]},
    },
    "loggers": {"django": {"handlers": []}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
