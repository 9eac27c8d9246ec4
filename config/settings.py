"""Settings for Practice Review Manager, driven by environment variables (see README).

With no variables set it runs on an embedded default that needs no server: SQLite under var/,
Celery over kombu's filesystem transport, e-mail to the console. DJANGO_ENV=production turns on
the production checks: no default secret, DEBUG off, secure cookies.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_rate, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PRM_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_choice("DJANGO_ENV", "development", ("development", "test", "production"))
PRODUCTION = ENVIRONMENT == "production"

_DEV_SECRET = "insecure-development-key-never-used-in-production"  # noqa: S105
SECRET_KEY = env_secret("SECRET_KEY", None if PRODUCTION else _DEV_SECRET)
DEBUG = env_bool("DEBUG", not PRODUCTION and ENVIRONMENT != "test")

if PRODUCTION:
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Production needs SECRET_KEY (or SECRET_KEY_FILE), 50+ chars.")
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs ALLOWED_HOSTS.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "cases",
    "referrals",
    "rapid_reviews",
    "lcspr",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cases.middleware.RejectNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cases.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cases.middleware.RequireTwoFactorMiddleware",
    "cases.middleware.PartnershipMiddleware",
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "cases.User"

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
                "cases.context_processors.shell",
            ],
        },
    },
]
FORM_RENDERER = "config.forms.GovukFormRenderer"

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    if PRODUCTION:
        raise ImproperlyConfigured("Production needs DATABASE_URL (PostgreSQL).")
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
# PostgreSQL: the application connects as a role that cannot bypass row-level security and owns
# nothing; migrations run as the owner (DATABASE_URL set to the owner's address for `migrate`),
# which then grants this role its privileges (cases.rls.grant_application_role, ADR 0009).
DATABASE_APP_ROLE = env_str("DATABASE_APP_ROLE", "")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Falls back to a per-process memory cache while Redis is down (config/cache.py).
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_PREFIX", "prm"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: Redis in production, kombu's filesystem transport in the embedded default.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "celery"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = "Europe/London"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENVIRONMENT == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# allauth: e-mail sign-in, no self-registration (invitations only), two factors for everyone.
ACCOUNT_ADAPTER = "cases.auth.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Practice Review Manager] "
# Before a sensitive account change allauth asks again: for the password or a second factor, never
# for a code e-mailed to the user (allauth 65.22's "code" method), which would let someone who
# holds the mailbox stand in for the authenticator app. Its two URLs answer 403.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
# The client's address, for allauth's rate limits, axes' lockouts and the audit trail alike
# (cases.middleware.client_ip): the address the last TRUSTED_PROXY_COUNT reverse proxies saw in
# X-Forwarded-For. Unset behind a proxy, every visitor would share the proxy's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("AXES_PROXY_COUNT", 0))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Per IP only: a per-account ("key") limit would let an attacker lock an officer out from anywhere.
# High enough that a council's staff behind one shared address are not locked out together;
# axes still pauses each (account, address) pair after AXES_FAILURE_LIMIT failures.
_SIGN_INS_PER_ADDRESS = env_str("SIGN_INS_PER_ADDRESS", "100/m/ip")
ACCOUNT_RATE_LIMITS = {"login": _SIGN_INS_PER_ADDRESS, "login_failed": _SIGN_INS_PER_ADDRESS}
LOGIN_REDIRECT_URL = "cases:choose_partnership"
LOGIN_URL = "account_login"
MFA_ADAPTER = "cases.auth.adapters.MFAAdapter"
# Limits on guessing the code: cases/auth/second_factor.py.
MFA_FORMS = {"authenticate": "cases.auth.second_factor.LimitedAuthenticateForm"}
# Fernet key that encrypts authenticator secrets at rest (generate one with
# `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`).
_DEV_MFA_KEY = "ZGV2ZWxvcG1lbnQtb25seS1tZmEta2V5LW5vdHByb2Q="  # noqa: S105 - dev/test only
AUTHENTICATOR_ENCRYPTION_KEY = env_secret(
    "AUTHENTICATOR_ENCRYPTION_KEY", None if PRODUCTION else _DEV_MFA_KEY
)
if PRODUCTION and (
    not AUTHENTICATOR_ENCRYPTION_KEY or AUTHENTICATOR_ENCRYPTION_KEY == _DEV_MFA_KEY
):
    raise ImproperlyConfigured(
        "Production needs AUTHENTICATOR_ENCRYPTION_KEY (or AUTHENTICATOR_ENCRYPTION_KEY_FILE)."
    )
# Accept the code of the adjacent 30-second step too (RFC 6238's allowance for clock drift and
# for a code typed as the step turns over); replay of a used code is still refused.
MFA_TOTP_TOLERANCE = 1
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_TOTP_ISSUER = "Practice Review Manager"
# Activity is recorded by cases.middleware.SessionLifetimeMiddleware, at most once a minute.
USERSESSIONS_TRACK_ACTIVITY = False

# Throttling: lock out the (account, IP address) pair, never the account everywhere, so an
# attacker elsewhere cannot lock a real officer out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "cases.auth.throttle.login_identifier"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "cases.middleware.client_ip"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False

# Sessions: idle expiry and an absolute lifetime. The idle expiry is renewed by activity at
# most once every SESSION_TOUCH_SECONDS (cases.middleware.SessionLifetimeMiddleware), so an
# idle session ends between SESSION_COOKIE_AGE - SESSION_TOUCH_SECONDS and SESSION_COOKIE_AGE
# after the last request, and a page view does not write to the database.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 15) * 60
SESSION_TOUCH_SECONDS = 60
# The page warns this long before the idle limit (GOV.UK timeout warning; WCAG 2.2.1).
SESSION_WARNING_SECONDS = 120
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 10) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

REST_FRAMEWORK = {
    # The token first: its WWW-Authenticate header makes a refused request a 401 with the reason.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cases.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["cases.api.permissions.IsTwoFactorUser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "cases.api.errors.exception_handler",
    "DEFAULT_METADATA_CLASS": "cases.api.errors.Metadata",
    "DEFAULT_THROTTLE_CLASSES": [
        "cases.api.throttling.ApiTokenRateThrottle",
        "cases.api.throttling.PersonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_rate("API_REQUESTS_PER_PERSON", "1000/hour"),
        "api_token": env_rate("API_REQUESTS_PER_TOKEN", "600/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Practice Review Manager API",
    "DESCRIPTION": "Every path below /api/p/{partnership_slug}/ is scoped to that partnership.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cases.api.schema.document_error_responses",
    ],
    # Served from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per shared choice set (referrals' serializers use each of these on several fields).
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "cases.models.PlanStatus",
        "YesNoDontKnowEnum": "referrals.choices.YesNoDontKnow",
        "ReferralStatusEnum": "referrals.choices.ReferralStatus",
        "ChallengeStatusEnum": "referrals.choices.ChallengeStatus",
        "ChallengeKindEnum": "referrals.choices.ChallengeKind",
        "LookupKindEnum": "referrals.choices.LookupKind",
        "RenderStatusEnum": "cases.models.RenderStatus",
        "NoticeKindEnum": "cases.models.NoticeKind",
        "ReviewerDecisionEnum": "lcspr.choices.ReviewerDecision",
        "NoticeRecipientEnum": "cases.models.NoticeRecipient",
        "NoticeStatusEnum": "cases.models.NoticeStatus",
        "SignOffStatusEnum": "cases.models.SignOffStatus",
        "SignOffDecisionEnum": "cases.models.SignOffDecision",
        "MeetingKindEnum": "cases.models.MeetingKind",
        "MeetingRoleEnum": "cases.models.MeetingRole",
        "MeetingStatusEnum": "cases.models.MeetingStatus",
        "ReferralHarmEnum": "referrals.choices.Harm",
        "ReferralAbuseOrNeglectEnum": "referrals.choices.AbuseOrNeglect",
        "SinHarmEnum": "notifications.choices.Harm",
        "SinAbuseOrNeglectEnum": "notifications.choices.AbuseOrNeglect",
        "SinStatusEnum": "notifications.choices.NotificationStatus",
        "PanelDecisionEnum": "notifications.choices.PanelDecision",
        "PanelResponseStatusEnum": "notifications.choices.PanelResponseStatus",
        "ChronologyKindEnum": "cases.models.ChronologyKind",
        "ChronologyStatusEnum": "cases.models.ChronologyStatus",
        "RapidReviewStatusEnum": "rapid_reviews.choices.ReviewStatus",
        "RapidReviewMilestoneStatusEnum": "rapid_reviews.choices.MilestoneStatus",
        "ReviewInformationRequestStatusEnum": "rapid_reviews.choices.RequestStatus",
        "RapidReviewReportStatusEnum": "rapid_reviews.choices.ReportStatus",
        "RapidReviewDecisionEnum": "rapid_reviews.choices.ReviewDecision",
        "RapidReviewSourceEnum": "rapid_reviews.choices.ReviewSource",
        "LcsprStatusEnum": "lcspr.choices.LcsprStatus",
        "LcsprSourceEnum": "lcspr.choices.LcsprSource",
        "LearningReviewStatusEnum": "lcspr.choices.LearningReviewStatus",
        "BriefingStatusEnum": "lcspr.choices.BriefingStatus",
        "LegalReadOutcomeEnum": "lcspr.choices.LegalReadOutcome",
        "AnonymisationHitKindEnum": "lcspr.choices.AnonymisationHitKind",
        # Keeps its name now that the legal read's outcome is a second "outcome" field.
        "OutcomeEnum": "referrals.choices.StepOutcome",
        "ContactMethodEnum": "lcspr.choices.ContactMethod",
        "ParallelProcessKindEnum": "lcspr.choices.ParallelProcessKind",
        "ParallelProcessStatusEnum": "lcspr.choices.ParallelProcessStatus",
        "SessionFormatEnum": "lcspr.models.sessions.SessionFormat",
        "FindingsViewEnum": "lcspr.models.sessions.FindingsView",
        "CommsChannelEnum": "lcspr.models.sessions.CommsChannel",
        "CommsItemStatusEnum": "lcspr.models.sessions.CommsItemStatus",
        "ActionItemStatusEnum": "cases.models.ActionItemStatus",
        "ActionStageEnum": "cases.models.ActionStage",
        "ActionUpdateKindEnum": "cases.models.ActionUpdateKind",
        "TermsOfReferenceStatusEnum": "rapid_reviews.choices.TermsStatus",
        "PanelRoleEnum": "lcspr.choices.PanelRole",
        "PanelPartnerEnum": "lcspr.choices.PanelPartner",
        "PanelConflictsEnum": "lcspr.choices.PanelConflicts",
        "PanelTermsStatusEnum": "lcspr.choices.PanelTermsStatus",
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(Path(env_str("MEDIA_ROOT", str(VAR_DIR / "private"))))},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Attachments are private: no MEDIA_URL is served; downloads go through a permission-checked view.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Every Django e-mail setting comes from the environment (tests/cases/test_settings.py checks).
# cases.smtp_backend is Django's SMTP backend that tells "may have been delivered" apart.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "cases.smtp_backend.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_SSL_CERTFILE = env_str("EMAIL_SSL_CERTFILE")
EMAIL_SSL_KEYFILE = env_str("EMAIL_SSL_KEYFILE")
# Seconds to wait for the relay; without a limit a silent relay would hold a worker until the
# task's time limit.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", ACCOUNT_EMAIL_SUBJECT_PREFIX)
EMAIL_USE_LOCALTIME = env_bool("EMAIL_USE_LOCALTIME", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Practice Review Manager <no-reply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# GOV.UK Notify (EMAIL_BACKEND=cases.notify_backend.NotifyEmailBackend): one generic e-mail
# template whose subject is ((subject)) and whose body is ((body)).
NOTIFY_API_KEY = env_secret("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = env_str("NOTIFY_TEMPLATE_ID", "")
if EMAIL_BACKEND == "cases.notify_backend.NotifyEmailBackend" and not (
    NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID
):
    raise ImproperlyConfigured(
        "EMAIL_BACKEND is GOV.UK Notify: set NOTIFY_API_KEY (or NOTIFY_API_KEY_FILE) and "
        "NOTIFY_TEMPLATE_ID."
    )

INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)

# Reminders (cases.services.reminders; schedule in config/celery.py). The day's reminders and
# digests go out from this hour (Europe/London); the My work page warns business managers when
# the sweep has not finished for REMINDER_SWEEP_LATE_MINUTES.
REMINDER_SEND_FROM_HOUR = env_int("REMINDER_SEND_FROM_HOUR", 7)
if not 0 <= REMINDER_SEND_FROM_HOUR <= 23:
    raise ImproperlyConfigured("REMINDER_SEND_FROM_HOUR must be an hour, 0 to 23.")
REMINDER_SWEEP_LATE_MINUTES = env_int("REMINDER_SWEEP_LATE_MINUTES", 15)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
