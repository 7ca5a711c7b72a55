"""The one settings module of Simpul, read from the environment.

Nothing set means: embedded SQLite under var/, Bahasa Indonesia, WIB, no debug, and a secret key
kept in var/secret_key. Production sets DATABASE_URL, SIMPUL_SECRET_KEY and SIMPUL_ALLOWED_HOSTS
(see docs/configuration.md).
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from simpul.lib.env import ConfigError, database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SIMPUL_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("SIMPUL_DEBUG", False)
# Behind a TLS proxy in production; `make run` and tests say SIMPUL_HTTPS=0.
HTTPS = env_bool("SIMPUL_HTTPS", not DEBUG)


def _secret_key() -> str:
    key = env_str("SIMPUL_SECRET_KEY")
    if key:
        return key
    # A single-server install keeps a generated key beside its database.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("SIMPUL_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("SIMPUL_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "simpul.web.admin_config.NetworkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "simpul.accounts",
    "simpul.libraries",
    "simpul.catalog",
    "simpul.members",
    "simpul.circulation",
    "simpul.network",
    "simpul.network.union",
    "simpul.network.ill",
    "simpul.jobs",
    "simpul.api",
    "simpul.web",
    "simpul.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "simpul.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the outcome of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "simpul.urls"
WSGI_APPLICATION = "simpul.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "simpul.web.context_processors.shell",
            ],
        },
    },
]

if not env_str("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database lives here
DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL"), sqlite_default=VAR_DIR / "simpul.sqlite3")
}
if DATABASES["default"]["ENGINE"] == "simpul.lib.sqlite":
    # Tests use a file, not Django's shared in-memory database: live-server threads then get
    # connections of their own, so races between requests are real (circulation's tests).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with the per-request user load in plain SQL (docs/benchmarks.md).
    "simpul.accounts.backends.UserBackend",
]
# Database sessions, their per-request load and save in plain SQL (accounts/sessions.py).
SESSION_ENGINE = "simpul.accounts.sessions"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:after-login"
LOGOUT_REDIRECT_URL = "web:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Failed-login throttling: five wrong passwords for one username from one address are answered
# as usual; the sixth in a row locks that pair for the cool-off, and every attempt during the
# lock, right or wrong, is refused with the reason and restarts the wait.
AXES_FAILURE_LIMIT = env_int("SIMPUL_LOGIN_FAILURE_LIMIT", 6)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIMPUL_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "simpul.accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("SIMPUL_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "simpul_bahasa"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Production serves collected, compressed copies with hashed names (cached for a year);
# tests and debug runs read the files straight from the apps.
STATIC_MANIFEST = env_bool("SIMPUL_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
MEDIA_ROOT = VAR_DIR / "media"
SEARCH_INDEX_DIR = Path(env_str("SIMPUL_SEARCH_INDEX_DIR", str(VAR_DIR / "index")))
# Uploads larger than this are refused before they are read (catalogue files can be large).
IMPORT_MAX_BYTES = env_int("SIMPUL_IMPORT_MAX_MB", 200) * 1024 * 1024
# Signed agreement documents (PDF), in bytes; larger uploads are refused with a form error.
AGREEMENT_MAX_UPLOAD = env_int("SIMPUL_AGREEMENT_MAX_UPLOAD", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MEDIA_URL = "/media/"

EMAIL_BACKEND = env_str("SIMPUL_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("SIMPUL_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("SIMPUL_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("SIMPUL_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("SIMPUL_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("SIMPUL_EMAIL_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("SIMPUL_EMAIL_FROM", "Simpul <simpul@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where members reach Simpul: links in e-mailed notices are built on it (no request there).
SITE_URL = env_str("SIMPUL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# OAI-PMH provider at /oai (docs/guides/oai-pmh.md): records are named
# oai:<OAI_REPOSITORY_ID>:<record id>, so the id must be a domain name the network controls.
OAI_REPOSITORY_ID = env_str("SIMPUL_OAI_REPOSITORY_ID", "simpul.kotametro.example")
if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+", OAI_REPOSITORY_ID):
    raise ConfigError(f"SIMPUL_OAI_REPOSITORY_ID={OAI_REPOSITORY_ID!r} is not a domain name")
OAI_ADMIN_EMAIL = env_str("SIMPUL_OAI_ADMIN_EMAIL", "perpustakaan@kotametro.example")
OAI_PAGE_SIZE = env_int("SIMPUL_OAI_PAGE_SIZE", 500)
# A resumption token is refused this long after it was issued (a harvester pausing longer
# starts again, or resumes incrementally with from=).
OAI_TOKEN_MINUTES = env_int("SIMPUL_OAI_TOKEN_MINUTES", 24 * 60)

# Other libraries' SRU servers a cataloguer may copy records from (docs/guides/sru.md), as
# "name=url,name=url"; entries that are not name=http(s)://... are ignored with a warning.
SRU_TARGETS = env_list("SIMPUL_SRU_TARGETS", [])

# Union catalog merge (docs/guides/union-catalog.md): a contributed record whose best match
# scores at least ACCEPT (0-100) is merged into it; from REVIEW up to ACCEPT it waits for staff
# in the review queue; below REVIEW it becomes a record of its own.
UNION_MATCH_ACCEPT = env_int("SIMPUL_UNION_MATCH_ACCEPT", 90)
UNION_MATCH_REVIEW = env_int("SIMPUL_UNION_MATCH_REVIEW", 75)
if not 0 <= UNION_MATCH_REVIEW <= UNION_MATCH_ACCEPT <= 100:
    raise ConfigError("need 0 <= SIMPUL_UNION_MATCH_REVIEW <= SIMPUL_UNION_MATCH_ACCEPT <= 100")

# Interlibrary loan (docs/guides/interlibrary-loan.md), in days counted past the lender's
# closed days: the due date a lender's shipment suggests, how far a granted renewal moves it
# (from the later of today and the old date), and how long a recalled copy has left.
ILL_LOAN_DAYS = env_int("SIMPUL_ILL_LOAN_DAYS", 28)
ILL_RENEW_DAYS = env_int("SIMPUL_ILL_RENEW_DAYS", 14)
ILL_RECALL_DAYS = env_int("SIMPUL_ILL_RECALL_DAYS", 3)
if min(ILL_LOAN_DAYS, ILL_RENEW_DAYS, ILL_RECALL_DAYS) < 1:
    raise ConfigError("SIMPUL_ILL_LOAN_DAYS, _RENEW_DAYS and _RECALL_DAYS must be at least 1")

# Circulation: unpaid fines above this many Rupiah block borrowing and renewing.
CIRCULATION_FINE_LIMIT = env_int("SIMPUL_FINE_LIMIT", 10_000)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SIMPUL_SSL_REDIRECT", True)
# SLiMS's UCS client speaks plain http only and follows no redirect (union/slims.py).
SECURE_REDIRECT_EXEMPT = [r"^ucs/"]
SECURE_HSTS_SECONDS = env_int("SIMPUL_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("SIMPUL_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SIMPUL_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint reports every CSS property it skips in barcode SVGs; only errors matter.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
