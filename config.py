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


def _secret_key() -> str:
    """Return SECRET_KEY from the environment, or a per-install dev key.

    The dev key is generated once into ``instance/secret_key`` so sessions
    survive restarts; it is never hard-coded.
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = INSTANCE_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        path.write_text(key)
        path.chmod(0o600)
        return key


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'roundtable.db'}")
    # Heroku-style URLs name the driver "postgres"; we use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


class Config:
    """Settings for development and the embedded SQLite default."""

    SECRET_KEY = _secret_key()
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
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
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_LIMIT_PER_IP = "20 per minute"
    LOGIN_LIMIT_PER_ACCOUNT = "5 per minute; 30 per hour"
    #: The editor autosaves a few seconds after the last key press: far fewer than this.
    DRAFT_AUTOSAVE_LIMIT = "40 per minute"
    POSTS_PER_PAGE = 20
    THREADS_PER_PAGE = 25


class ProductionConfig(Config):
    """Served over HTTPS behind a proxy: secure cookies."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


class TestConfig(Config):
    """For pytest: fast hashing, no rate limits unless a test turns them on."""

    TESTING = True
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"


CONFIGS = {"development": Config, "production": ProductionConfig, "testing": TestConfig}
