"""Configuration read from the environment, with safe defaults.

Nothing here raises at import time. ``create_app(overrides)`` applies the
chosen class, then any overrides (tests use them).
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
#: The instance folder (the default SQLite database, the generated secret key):
#: ``ROUNDTABLE_INSTANCE`` if set; in a checkout (this file beside pyproject.toml, also
#: with ``pip install -e .``) ``instance/`` beside this file, where ``make run`` keeps
#: its database; for an installed wheel, whose folder is site-packages, ``instance/`` in
#: the current directory (where ``gunicorn`` / ``flask --app wsgi`` are started).
_IN_CHECKOUT = (BASE_DIR / "pyproject.toml").is_file()
INSTANCE_DIR = Path(
    os.environ.get("ROUNDTABLE_INSTANCE") or (BASE_DIR if _IN_CHECKOUT else Path.cwd()) / "instance"
).absolute()


def dev_secret_key() -> str:
    """A per-install key for development, when SECRET_KEY is not set.

    It is generated once into ``instance/secret_key`` so sessions survive restarts;
    it is never hard-coded. Production refuses to start without SECRET_KEY instead
    (``create_app``): each instance would make its own key and log the others' users out.
    """
    path = INSTANCE_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        path.write_text(key)
        path.chmod(0o600)
        return key


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _number(name: str, default: int) -> int:
    """An integer setting; the default when it is missing or not a number (never raises)."""
    try:
        return int(os.environ.get(name, "").strip() or default)
    except ValueError:
        return default


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'roundtable.db'}")
    # Heroku-style URLs name the driver "postgres"; we use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _words(name: str) -> list[str]:
    """A comma-separated setting as a list (empty when unset)."""
    return [word.strip() for word in os.environ.get(name, "").split(",") if word.strip()]


#: The background worker's queue (huey, app/worker.py): Redis when HUEY_REDIS_URL is set
#: (production, several machines), else a SQLite file in the instance folder (one machine).
HUEY_REDIS_URL = os.environ.get("HUEY_REDIS_URL", "").strip()
HUEY_SQLITE_PATH = os.environ.get("HUEY_SQLITE_PATH") or str(INSTANCE_DIR / "huey.db")


class Config:
    """Settings for development and the embedded SQLite default."""

    #: Empty: development makes one in the instance folder; production refuses to start.
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    REQUIRE_SECRET_KEY = False
    #: The host names this site answers to (``Host`` header); others get 400. None: any.
    TRUSTED_HOSTS = _words("TRUSTED_HOSTS") or None
    #: The site's own host name, for addresses built outside a request.
    SERVER_NAME = os.environ.get("SERVER_NAME") or None
    #: How many proxies in front of the app set X-Forwarded-For and X-Forwarded-Proto.
    #: The address that rate limits count per is then the client's, not the proxy's.
    TRUSTED_PROXIES = max(_number("TRUSTED_PROXIES", 0), 0)
    #: Sent as Strict-Transport-Security when not empty.
    STRICT_TRANSPORT_SECURITY = ""
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    #: Seconds to wait for PostgreSQL to accept a connection before the page says it is down.
    DATABASE_CONNECT_TIMEOUT = 5
    SESSION_COOKIE_NAME = "roundtable_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "").lower() in {"1", "true", "yes"}
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    # The cookie only changes when the session does: no re-signing on every page view.
    SESSION_REFRESH_EACH_REQUEST = False
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    # Rate limits (app/throttle.py), in the ``limits`` notation, counted in RATELIMIT_STORAGE_URI:
    # memory:// counts per worker; with several workers or instances use Redis (redis://…).
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    #: RATELIMIT_ENABLED=0 turns every rate limit off (the load benchmarks do).
    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "1").strip().lower() not in {"0", "false", "no", "off"}
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "roundtable")
    # Wrong passwords only (a right one counts nothing). Per account and address together, so
    # a guesser elsewhere does not lock the owner out; per account, slower, against guessing
    # from many addresses; per address, against trying many accounts.
    LOGIN_LIMIT_PER_ACCOUNT_ADDRESS = "5 per minute; 20 per hour"
    LOGIN_LIMIT_PER_ACCOUNT = "50 per hour"
    LOGIN_LIMIT_PER_ADDRESS = "50 per minute; 500 per hour"
    # New accounts from one address: a whole class on one school network gets through.
    REGISTER_LIMIT_PER_ADDRESS = "40 per hour; 200 per day"
    # Saving a post, thread, wiki page, prompt or reflection; Preview; Search. Per user (a
    # visitor: per address) and per address (a class behind one school network shares it).
    WRITE_LIMIT_PER_USER = "10 per minute; 200 per hour"
    WRITE_LIMIT_PER_ADDRESS = "120 per minute"
    PREVIEW_LIMIT_PER_USER = "20 per minute; 300 per hour"
    PREVIEW_LIMIT_PER_ADDRESS = "240 per minute"
    SEARCH_LIMIT_PER_USER = "20 per minute; 300 per hour"
    SEARCH_LIMIT_PER_ADDRESS = "240 per minute"
    # The editor's draft autosave: a few seconds after the last key press, far fewer than this.
    DRAFT_AUTOSAVE_LIMIT_PER_USER = "40 per minute; 1000 per hour"
    DRAFT_AUTOSAVE_LIMIT_PER_ADDRESS = "600 per minute"
    #: "Send the link again" (the confirmation e-mail), per account.
    CONFIRM_RESEND_LIMIT = "3 per hour; 10 per day"
    #: "Invite students": lists sent per teacher; "Send again": e-mails per invitation.
    INVITE_LIMIT_PER_USER = "10 per hour; 50 per day"
    INVITE_RESEND_LIMIT = "1 per minute; 5 per day"
    #: "Forgot your password?" and the reset link's form, per address (a class shares one network).
    ACCOUNT_LINK_LIMIT_PER_ADDRESS = "30 per minute; 300 per hour"
    POSTS_PER_PAGE = 20
    # -- files (app/media; README, Production) --
    #: Where uploads are kept, outside the static folder; every instance must share it.
    MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(INSTANCE_DIR / "media")
    #: The largest file taken ("too big: at most 20 MB").
    MEDIA_MAX_BYTES = _number("MEDIA_MAX_BYTES", 20 * 1024 * 1024)
    #: Recordings a post, a reflection or a piece of feedback may have.
    RECORDINGS_PER_POST = 1
    #: The longest recording when a discussion does not set its own limit (seconds).
    VOICE_SECONDS_DEFAULT = 180
    #: ffmpeg and ffprobe (Debian's package ffmpeg); a full path if they are not on PATH.
    FFMPEG_BINARY = os.environ.get("FFMPEG_BINARY") or "ffmpeg"
    FFPROBE_BINARY = os.environ.get("FFPROBE_BINARY") or "ffprobe"
    THREADS_PER_PAGE = 25

    # -- e-mail (Flask-Mailman over SMTP; README, Production) --
    #: Links in e-mails start with this address: never the Host header of a request, which
    #: anyone can forge (a reset link pointing at another site).
    PUBLIC_URL = (os.environ.get("PUBLIC_URL") or "http://127.0.0.1:5000").rstrip("/")
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or "localhost"
    MAIL_PORT = _number("MAIL_PORT", 25)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_USE_TLS = _flag("MAIL_USE_TLS")
    MAIL_USE_SSL = _flag("MAIL_USE_SSL")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER") or "Roundtable <roundtable@localhost>"
    #: Seconds the worker waits for the mail server before it tries again later.
    MAIL_TIMEOUT = _number("MAIL_TIMEOUT", 10)
    #: ``make run`` sets ROUNDTABLE_DEV_OUTBOX=1: nothing goes to a mail server; the messages
    #: are listed at /dev/outbox (with their links) and kept as files in instance/sent-mail/.
    #: Off unless asked for, and always off in production: the page shows reset links.
    DEV_OUTBOX = _flag("ROUNDTABLE_DEV_OUTBOX")
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND") or ("file" if DEV_OUTBOX else "smtp")
    MAIL_FILE_PATH = str(INSTANCE_DIR / "sent-mail")


class ProductionConfig(Config):
    """Served over HTTPS behind a proxy: secure cookies, HSTS, a shared SECRET_KEY."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    REQUIRE_SECRET_KEY = True
    STRICT_TRANSPORT_SECURITY = "max-age=31536000"
    DEV_OUTBOX = False
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND") or "smtp"


class TestConfig(Config):
    """For pytest: fast hashing, no rate limits unless a test turns them on."""

    TESTING = True
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    # Tests send through a real SMTP server they start (tests/mail/smtp.py sets the port).
    MAIL_BACKEND = "smtp"
    MAIL_SERVER = "127.0.0.1"
    MAIL_TIMEOUT = 5
    DEV_OUTBOX = True  # the route walk visits /dev/outbox; tests/mail checks it is 404 in production


CONFIGS = {"development": Config, "production": ProductionConfig, "testing": TestConfig}
