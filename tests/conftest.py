"""Shared fixtures: an app per test on a fresh database, users, classes, logins.

Every test that takes ``app`` runs on SQLite, and again on PostgreSQL when
``TEST_DATABASE_URL`` is set (CI sets it; CI fails if it is missing).
``tests/speedups.py`` explains what keeps a fresh app per test cheap.
"""
from __future__ import annotations

import itertools
import os
import re
from contextlib import contextmanager

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, text

from app import clock, create_app
from app.extensions import db
from app.worker import huey
from tests.mail.smtp import SmtpServer
from tests.speedups import SharedTemplateCode, SqliteTemplate, cache_url_builders, empty_postgres

cache_url_builders()
TEMPLATE_CODE = SharedTemplateCode()
#: Tasks run at once, in the process that queues them (after the request's commit);
#: tests/mail/test_worker.py runs a real consumer instead.
huey.immediate = True

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])
PASSWORD = "correct horse battery"


def pytest_configure(config):
    if os.environ.get("CI") and not TEST_DATABASE_URL:
        raise pytest.UsageError("CI must test PostgreSQL too: set TEST_DATABASE_URL.")


def pytest_report_header(config):
    if TEST_DATABASE_URL:
        return f"databases: SQLite and PostgreSQL ({re.sub(r'//[^@]*@', '//', TEST_DATABASE_URL)})"
    return "databases: SQLite only (PostgreSQL not tested: set TEST_DATABASE_URL to include it)"


@pytest.fixture(scope="session")
def _postgres_ready():
    """Create the schema on the PostgreSQL test database once per run."""
    if not TEST_DATABASE_URL:
        return None
    engine = create_engine(TEST_DATABASE_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return True


def _empty_postgres(app) -> None:
    with app.app_context():
        db.session.remove()
        empty_postgres(db.engine, db.metadata)
        db.engine.dispose()


@pytest.fixture(scope="session")
def smtp_server():
    """One real SMTP server for the whole run; every test app sends to it."""
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server):
    """The SMTP server, emptied for this test: ``mailbox.messages``, ``mailbox.to(address)``."""
    smtp_server.clear()
    yield smtp_server
    smtp_server.clear()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory):
    """An empty SQLite database with the whole schema, copied for each test."""
    return SqliteTemplate.build(
        tmp_path_factory.mktemp("sqlite-template"),
        lambda uri: create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": uri}),
    )


class FreshContextClient(FlaskClient):
    """Each request (and each redirect it follows) gets its own app context.

    The fixtures keep an app context pushed for convenience; without this,
    requests would reuse it and share ``g`` and the database session.

    A file answer (``send_file``: a recording, a download) is read and closed at once, so a
    test that only looks at its status leaves no file open (warnings are errors); so is
    the request's body (Werkzeug spools a big upload to a temporary file).
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if "Content-Disposition" in response.headers and not kwargs.get("buffered"):
            response.get_data()
            response.close()
        body = response.request.environ.get("wsgi.input") if response.request is not None else None
        if body is not None and hasattr(body, "close"):
            body.close()  # a multipart body over 500 KB is a temporary file nobody else closes
        return response


def make_app(backend: str, tmp_path, request=None, **overrides):
    """A test app on a fresh database of ``backend``, sending e-mail to the test SMTP server."""
    mail_port = request.getfixturevalue("smtp_server").port if request is not None else 25
    if backend == "postgresql":
        request.getfixturevalue("_postgres_ready")
        uri = TEST_DATABASE_URL
    else:
        uri = f"sqlite:///{tmp_path / 'test.db'}"
    config = {
        "ENV_NAME": "testing",
        "SQLALCHEMY_DATABASE_URI": uri,
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret",
        "SERVER_NAME": "localhost",
        "MAIL_PORT": mail_port,
        "MEDIA_ROOT": str(tmp_path / "media"),
        **overrides,
    }
    if backend == "sqlite" and request is not None and config["SQLALCHEMY_DATABASE_URI"] == uri:
        # A copy of the session's empty database instead of create_all (same schema, 200× faster).
        schema_copied = request.getfixturevalue("_sqlite_template").copy_to(tmp_path / "test.db", db.metadata)
    else:
        schema_copied = False
    app = create_app(config)
    app.test_client_class = FreshContextClient
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    if backend == "sqlite" and not schema_copied:
        with app.app_context():
            db.create_all()
    return app


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def app_factory(backend, tmp_path, request):
    """Build the test app (once per test) with extra config; cleans up after."""
    made = []

    def factory(**overrides):
        app = make_app(backend, tmp_path, request, **overrides)
        ctx = app.app_context()
        ctx.push()
        made.append((app, ctx))
        return app

    yield factory
    for app, ctx in reversed(made):
        db.session.remove()
        ctx.pop()
        if backend == "postgresql":
            _empty_postgres(app)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(app_factory):
    return app_factory()


@pytest.fixture(scope="module", params=BACKENDS)
def module_app(request, tmp_path_factory):
    """One app on one fresh database for a whole test module, on each backend: for modules
    that build a lot of data once (in a module-scoped fixture) and then only visit pages.
    Tests that use it share that data, so each must leave it as a visitor would."""
    app = make_app(request.param, tmp_path_factory.mktemp("module"), request)
    ctx = app.app_context()
    ctx.push()
    yield app
    db.session.remove()
    ctx.pop()
    if request.param == "postgresql":
        _empty_postgres(app)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


_counter = itertools.count(1)


@pytest.fixture
def make_user(app):
    """Create a user; returns it committed. Its address is confirmed unless ``confirmed=False``
    (tests/mail test the reminder; elsewhere it would only add a banner to every page)."""
    from app.auth.services import register_user

    def make(name: str | None = None, email: str | None = None, *, admin: bool = False, confirmed: bool = True):
        n = next(_counter)
        user = register_user(email or f"user{n}@example.com", name or f"User {n}", PASSWORD, is_admin=admin,
                             email_confirmed=confirmed)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_class(app, make_user):
    """Create a class taught by ``teacher`` (a new user by default)."""
    from app.classes.services import create_class

    def make(teacher=None, name: str = "Test class", students=()):
        teacher = teacher or make_user("Teacher")
        classroom = create_class(teacher, name)
        for student in students:
            add_member(classroom, student)
        db.session.commit()
        return classroom

    return make


def add_member(classroom, user, role: str = "student"):
    from app.classes.models import Membership

    db.session.add(Membership(classroom_id=classroom.id, user_id=user.id, role=role))
    db.session.commit()


def login(client, user, password: str = PASSWORD):
    """Log ``client`` in as ``user``; asserts it worked."""
    response = client.post("/account/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


@pytest.fixture
def login_as(app):
    """A fresh test client logged in as the given user."""

    def make(user):
        return login(app.test_client(), user)

    return make


class World:
    """A class with a teacher and a student, an outsider in another class, and an admin."""

    def __init__(self):
        from app.auth.services import register_user
        from app.classes.services import create_class

        def user(name, admin=False):
            n = next(_counter)
            return register_user(f"user{n}@example.com", name, PASSWORD, is_admin=admin, email_confirmed=True)

        self.teacher = user("Tess Teacher")
        self.student = user("Sam Student")
        self.outsider = user("Olga Outsider")
        self.admin = user("Ada Admin", admin=True)
        self.classroom = create_class(self.teacher, "World class")
        self.other_class = create_class(self.outsider, "Other class")
        db.session.commit()
        add_member(self.classroom, self.student)


@pytest.fixture
def world(app):
    return World()


@contextmanager
def count_queries(app):
    """Count SQL statements run inside the block: ``with count_queries(app) as q: ...; q.count``."""
    statements: list[str] = []

    def before(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", before)

    class Counter:
        @property
        def count(self):
            return len(statements)

        queries = statements

    try:
        yield Counter()
    finally:
        event.remove(engine, "before_cursor_execute", before)


def freeze_clock_at(moment):
    """A fixture for a test module (``frozen = freeze_clock_at(NOW)``): every test
    reads ``moment`` from ``app.clock``, and time runs again after each test."""

    @pytest.fixture(autouse=True)
    def frozen():
        clock.freeze(moment)
        yield
        clock.freeze(None)

    return frozen
