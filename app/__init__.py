"""Roundtable: a class wiki with threaded discussion forums for ESL classes."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

_PACKAGE = Path(__file__).resolve().parent
#: The folder holding templates/, static/ and migrations/. They live at the top of the
#: repository, used as they are by the checkout and an editable install; a built wheel
#: has no repository around it and carries a copy in app/_resources/ (setup.py). The copy
#: is looked for first, so an installed app never uses some other top-level folder.
ROOT = _PACKAGE / "_resources" if (_PACKAGE / "_resources").is_dir() else _PACKAGE.parent
#: One blueprint per feature package, each with ``bp`` and ``routes``.
FEATURES = ("main", "auth", "mail", "classes", "editor", "forum", "wiki", "prompts", "reflections", "grading", "search",
            "corrections", "drafts", "invitations", "media", "mydata", "notify")


def create_app(overrides: dict | None = None) -> Flask:
    """Build the app. ``overrides`` replaces config keys (tests use it)."""
    from config import CONFIGS, INSTANCE_DIR, dev_secret_key

    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    import os

    env = (overrides or {}).get("ENV_NAME") or os.environ.get("ROUNDTABLE_ENV", "development")
    app.config.from_object(CONFIGS.get(env, CONFIGS["development"]))
    app.config.update(overrides or {})
    if not app.config["SECRET_KEY"]:
        if app.config["REQUIRE_SECRET_KEY"]:
            raise RuntimeError(f"ROUNDTABLE_ENV={env} needs SECRET_KEY: every instance and worker must sign "
                               "cookies with the same key (README, Production).")
        app.config["SECRET_KEY"] = dev_secret_key()
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from . import inputs

    inputs.register(app)  # before the blueprints: their rules take the bounded int converter
    register_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    from . import cli, errors, security, unit_of_work, writing

    unit_of_work.register(app)
    writing.register(app)
    errors.register(app)
    security.register(app)
    cli.register(app)
    register_templates(app)
    return app


def register_proxies(app: Flask) -> None:
    """Behind ``TRUSTED_PROXIES`` proxies, read the client's address and scheme from their headers."""
    count = app.config["TRUSTED_PROXIES"]
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def register_extensions(app: Flask) -> None:
    from . import throttle
    from .auth.services import find_session_user
    from .extensions import db, login_manager, mail, migrate
    from .search.schema import described_by_models

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # A database host that does not answer is reported (503) after a few seconds, not minutes.
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        options["connect_args"] = {"connect_timeout": app.config["DATABASE_CONNECT_TIMEOUT"], **options.get("connect_args", {})}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    mail.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True,
                     include_name=described_by_models)
    throttle.register(app)
    login_manager.init_app(app)
    login_manager.user_loader(find_session_user)
    from .auth.routes import unauthorized

    login_manager.unauthorized_handler(unauthorized)
    from . import models  # noqa: F401  (every model registered on the metadata)


def register_blueprints(app: Flask) -> None:
    import importlib

    for feature in FEATURES:
        importlib.import_module(f"app.{feature}.routes")  # attaches the views to the blueprint
        app.register_blueprint(importlib.import_module(f"app.{feature}").bp)


def register_templates(app: Flask) -> None:
    from flask_wtf.csrf import generate_csrf

    from .formatting import register_filters
    from .permissions import template_globals

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["csrf_token"] = generate_csrf
    app.jinja_env.globals.update(template_globals())
    from .forum.access import template_globals as forum_rules

    app.jinja_env.globals.update(forum_rules())
    from .classes.navigation import class_menu

    app.jinja_env.globals["class_menu"] = class_menu
    register_filters(app)
