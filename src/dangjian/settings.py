"""Settings for dangjian, read from the environment (one file, typed readers).

SQLite on a laptop, PostgreSQL on a server: the same code, chosen by DANGJIAN_DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
# Where the embedded database, uploads and collected static files live (var/ in a checkout).
DATA_DIR = Path(os.environ.get("DANGJIAN_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get(
    "DANGJIAN_SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789"
)
DEBUG = envbool("DANGJIAN_DEBUG", False)
ALLOWED_HOSTS = envlist("DANGJIAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("DANGJIAN_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our own static files, no CDN
    "django_filters",
    "simple_history",
    "dangjian.core",
    "dangjian.organizations",
    "dangjian.orglife",
    "dangjian.development",
    "dangjian.rectification",
    "dangjian.implementation",
    "dangjian.integrity",
    "dangjian.decisions",
    "dangjian.outreach",
    "dangjian.transfers",
    "dangjian.recognition",
    "dangjian.indicators",
    "dangjian.evaluations",
    "dangjian.compliance",
    "dangjian.dues",
    "dangjian.problems",
    "dangjian.workplans",
    "dangjian.workbook",
    "dangjian.demo",
    "dangjian.reports",
    "dangjian.ingest",
    "dangjian.factcheck",
    "dangjian.web",
    # After our apps, so that our registration/ templates win over the admin's.
    "django.contrib.admin",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "dangjian.core.middleware.ForcePasswordChangeMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "dangjian.core.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "dangjian.urls"
WSGI_APPLICATION = "dangjian.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dangjian.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DANGJIAN_DATABASE_URL", f"sqlite:///{DATA_DIR / 'dangjian.sqlite3'}"),
        conn_max_age=envint("DANGJIAN_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if str(DATABASES["default"]["NAME"]) != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers proceed while the importer writes; a busy timeout instead of "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
# Lets several test runs share one PostgreSQL server without dropping each other's test database.
if os.environ.get("DANGJIAN_TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DANGJIAN_TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Password policy (等保2.0 level 3): length, three character classes, no reuse of the last five.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("DANGJIAN_PASSWORD_MIN_LENGTH", 8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "dangjian.core.passwords.CharacterClassesValidator",
        "OPTIONS": {"min_classes": envint("DANGJIAN_PASSWORD_MIN_CLASSES", 3)},
    },
    {
        "NAME": "dangjian.core.passwords.PasswordHistoryValidator",
        "OPTIONS": {"remember": envint("DANGJIAN_PASSWORD_HISTORY", 5)},
    },
]

# Lock-out after repeated failed log-ins, per account and per client address (django-axes).
AXES_FAILURE_LIMIT = envint("DANGJIAN_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("DANGJIAN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("DANGJIAN_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Audit entries are kept at least this long; `dangjian purge_audit` refuses anything shorter.
DANGJIAN_AUDIT_RETENTION_DAYS = envint("DANGJIAN_AUDIT_RETENTION_DAYS", 180)
# 党员积分: no public ranking unless the hospital switches it on (members see their own points).
DANGJIAN_POINTS_RANKING = envbool("DANGJIAN_POINTS_RANKING", False)
# Largest workbook the import page accepts.
DANGJIAN_MAX_WORKBOOK_BYTES = envint("DANGJIAN_MAX_WORKBOOK_BYTES", 50 * 1024 * 1024)

EMAIL_BACKEND = os.environ.get(
    "DANGJIAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DANGJIAN_FROM_EMAIL", "dangjian@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "党建工作平台 API",
    "DESCRIPTION": "dangjian REST API: every ledger, scoped to the caller's organisation.",
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The schema and its docs page are for logged-in users and integrations holding a token.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Several ledgers have a field called "grade" with different scales: name each scale.
    "ENUM_NAME_OVERRIDES": {
        "MemberGradeEnum": "dangjian.evaluations.models.MemberGrade",
        "ReviewGradeEnum": "dangjian.evaluations.models.ReviewGrade",
        "EthicsGradeEnum": "dangjian.evaluations.models.EthicsGrade",
    },
}

SESSION_COOKIE_AGE = envint("DANGJIAN_SESSION_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: each request extends the session

# Behind a reverse proxy the client's address comes from X-Forwarded-For (its last hop).
DANGJIAN_BEHIND_PROXY = envbool("DANGJIAN_BEHIND_PROXY", envbool("DANGJIAN_HTTPS", False))
AXES_IPWARE_PROXY_COUNT = 1 if DANGJIAN_BEHIND_PROXY else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if DANGJIAN_BEHIND_PROXY else ["REMOTE_ADDR"]
)

if envbool("DANGJIAN_HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("DANGJIAN_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("DANGJIAN_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANGJIAN_LOG_LEVEL", "WARNING")},
}
