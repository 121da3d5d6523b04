"""Closeknit settings: one module, configured by environment variables.

Development works with no environment at all. Production (CLOSEKNIT_ENV=production)
refuses to start without its secrets. See README.md for the full table.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from closeknit.core.strength import weak_keyring_reason, weak_secret_key_reason
from closeknit.lib.crypto import Keyring
from closeknit.lib.env import ConfigError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("CLOSEKNIT_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_str("CLOSEKNIT_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ConfigError("CLOSEKNIT_ENV must be 'development' or 'production'")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("CLOSEKNIT_DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ConfigError("CLOSEKNIT_DEBUG cannot be on in production")

DEVELOPMENT_SECRET_KEY = "development-only-not-secret"
SECRET_KEY = env_str("CLOSEKNIT_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ConfigError("CLOSEKNIT_SECRET_KEY (or CLOSEKNIT_SECRET_KEY_FILE) is required")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

# Encryption keys for intimate text are separate from SECRET_KEY on purpose:
# rotating the session secret must never make anyone's words unreadable.
_keys_text = env_str("CLOSEKNIT_KEYS")
if _keys_text:
    CLOSEKNIT_KEYRING = Keyring.from_text(_keys_text)
elif PRODUCTION:
    raise ConfigError("CLOSEKNIT_KEYS (or CLOSEKNIT_KEYS_FILE) is required in production")
else:
    CLOSEKNIT_KEYRING = Keyring.from_file(VAR_DIR / "dev-keys.txt", create=True)

if PRODUCTION:
    # Checked after the keys, so a copied .env.example fails on its unusable key first.
    _secret_problem = weak_secret_key_reason(SECRET_KEY, development_key=DEVELOPMENT_SECRET_KEY)
    if _secret_problem:
        raise ConfigError(f"CLOSEKNIT_SECRET_KEY is too weak for production: {_secret_problem}")
    _key_problem = weak_keyring_reason(CLOSEKNIT_KEYRING)
    if _key_problem:
        raise ConfigError(f"CLOSEKNIT_KEYS is too weak for production: {_key_problem}")

ALLOWED_HOSTS = env_list(
    "CLOSEKNIT_ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigError("CLOSEKNIT_ALLOWED_HOSTS is required in production")
if PRODUCTION and "*" in ALLOWED_HOSTS:
    raise ConfigError("CLOSEKNIT_ALLOWED_HOSTS cannot be '*' in production: list the host names")
CSRF_TRUSTED_ORIGINS = env_list("CLOSEKNIT_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("CLOSEKNIT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "django_htmx",
    "template_partials",
    "closeknit.core",
    "closeknit.accounts",
    "closeknit.couples",
    "closeknit.questions",
    "closeknit.insights",
    "closeknit.checkins",
    "closeknit.conflict",
    "closeknit.closeness",
    "closeknit.today",
    "closeknit.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "closeknit.middleware.SecurityHeadersMiddleware",
    "closeknit.middleware.ApiJsonErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "closeknit.accounts.middleware.UserTimezoneMiddleware",
]

if PRODUCTION:
    # Hashed, compressed static files straight from the app server; in development
    # runserver (and the test live server) serve them from the source folders.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "closeknit.urls"
WSGI_APPLICATION = "closeknit.wsgi.application"
ASGI_APPLICATION = "closeknit.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "closeknit.context_processors.closeknit",
            ],
        },
    }
]

# SQLite by default, tuned for a web app: WAL lets readers run beside the one
# writer, IMMEDIATE transactions take the write lock up front (no mid-transaction
# "database is locked" upgrades), and the busy timeout waits instead of failing.
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "closeknit.sqlite3"),
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    # FULL in production: a host on a small board may lose power, and a
                    # couple's words matter more than the ~7 ms a commit costs (README,
                    # "Crash safety"). NORMAL keeps development and tests quick.
                    f"PRAGMA synchronous={'FULL' if PRODUCTION else 'NORMAL'};"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=5000;"
                    "PRAGMA temp_store=MEMORY;"
                    "PRAGMA cache_size=-20000;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Each worker keeps its connection between requests in production: opening
            # one, with the pragmas above and SQLite reading the schema afresh, costs
            # about 1.4 ms of CPU a request (README, "Performance"). The development
            # server makes a thread per request, where keeping it would gain nothing.
            "CONN_MAX_AGE": 600 if PRODUCTION else 0,
            # The test database is a real file so tests can inspect what lands on disk;
            # one per test run, so parallel runs never share it.
            "TEST": {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache is shared by every app server, so sign-in throttles hold
# across processes without another service to run.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "closeknit_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["closeknit.accounts.backends.CloseknitBackend"]
# A reset link opens the account for as long as it lives; an hour is plenty to use it.
PASSWORD_RESET_TIMEOUT = 3600
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "today:index"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Verification is asked for but does not block use: many self-hosted instances have
# no mail server. A host with working mail can require it.
ACCOUNT_EMAIL_VERIFICATION = (
    "mandatory" if env_bool("CLOSEKNIT_REQUIRE_EMAIL_VERIFICATION", False) else "optional"
)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "closeknit.accounts.forms.ProfileSignupForm"
ACCOUNT_FORMS = {
    "login": "closeknit.accounts.allauth_forms.ThrottledLoginForm",
    "reset_password": "closeknit.accounts.allauth_forms.VerifiedAddressResetPasswordForm",
}
# A reset link only ever goes to an address its owner has proved is theirs.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_ADAPTER = "closeknit.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Closeknit: "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = None
# Failed sign-ins are limited per address here and per (account, address) by our own
# throttle. allauth's per-account limit is left out on purpose: it would let anyone
# lock a person out of their own account by failing on purpose from elsewhere.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_ADAPTER = "closeknit.accounts.mfa_adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_TOTP_ISSUER = "Closeknit"

# How many reverse proxies sit in front of the app. Behind one, every request comes
# from the proxy's address; X-Forwarded-For is read this many hops from the right,
# so an address the client wrote itself is never trusted. 0 means no proxy.
TRUSTED_PROXY_HOPS = env_int("CLOSEKNIT_TRUSTED_PROXY_HOPS", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_HOPS
LOGIN_THROTTLE_ATTEMPTS = env_int("CLOSEKNIT_LOGIN_THROTTLE_ATTEMPTS", 5)
LOGIN_THROTTLE_WINDOW_SECONDS = env_int("CLOSEKNIT_LOGIN_THROTTLE_WINDOW", 300)
LOGIN_THROTTLE_ADDRESS_ATTEMPTS = env_int("CLOSEKNIT_LOGIN_THROTTLE_ADDRESS_ATTEMPTS", 30)
INVITATION_DAYS = 7

# Every e-mail is queued as a task (closeknit/core/mail.py) and handed to the delivery
# backend by the worker; in development tasks run at once, inside the request.
EMAIL_BACKEND = "closeknit.core.mail.QueuedEmailBackend"
EMAIL_HOST = env_str("CLOSEKNIT_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("CLOSEKNIT_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("CLOSEKNIT_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env_str("CLOSEKNIT_EMAIL_PASSWORD")
    EMAIL_USE_TLS = env_bool("CLOSEKNIT_EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 15
else:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("CLOSEKNIT_FROM_EMAIL", "Closeknit <closeknit@localhost>")

# Background tasks (e-mail today). Production keeps them in the database for the worker,
# `manage.py db_worker`, run as its own process (`make worker`, and `make serve` starts
# one). Development runs each task at once, so nothing else needs to be running.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("CLOSEKNIT_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# In production collectstatic writes each file under a name holding a hash of its
# content, plus .gz copies; WhiteNoise serves those hashed names with a ten-year,
# immutable cache lifetime (a new version gets a new name) and the gzip copy to any
# browser that accepts it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Where the quick-exit button sends someone: an ordinary, neutral page.
CLOSEKNIT_EXIT_URL = env_str("CLOSEKNIT_EXIT_URL", "https://www.bbc.co.uk/weather")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Pages carry the CSRF token themselves (forms, and hx-headers for htmx); no script
# ever needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host-: the browser refuses these cookies unless they are Secure, for the whole
    # site and without a Domain, so no subdomain or plain-HTTP page can plant them.
    # Browsers treat http://127.0.0.1 and http://localhost as secure, so `make serve`
    # works with them too; development keeps Django's plain names for any host.
    SESSION_COOKIE_NAME = "__Host-closeknit_session"
    CSRF_COOKIE_NAME = "__Host-closeknit_csrf"
    SECURE_SSL_REDIRECT = env_bool("CLOSEKNIT_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("CLOSEKNIT_HSTS_SECONDS", 31536000)
    # Closeknit usually has a host name of its own, so its subdomains can insist on
    # HTTPS too. Preload lets the owner submit the domain to browsers' built-in list;
    # turn both off when Closeknit shares a domain whose subdomains still use HTTP.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CLOSEKNIT_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("CLOSEKNIT_HSTS_PRELOAD", True)

NINJA_PAGINATION_PER_PAGE = 50

# No request bodies or query strings are logged anywhere: they can hold intimate text.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CLOSEKNIT_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # On a failed variable lookup Django logs the whole template context at DEBUG,
        # decrypted answers included: that logger is kept out of the log at any level.
        "django.template": {"level": "CRITICAL", "propagate": False},
    },
}
