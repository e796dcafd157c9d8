"""When the database cannot be reached or cannot write (issue 13.4): a friendly 503 with
Retry-After, rendered without the database, and a /healthz that says which.

Nothing is faked: the app is pointed at a database that really is not there (a port where
nothing listens; a SQLite file in a folder that does not exist) or really is read-only.
"""
from __future__ import annotations

import pytest

from app import create_app
from app.extensions import db
from tests.conftest import TEST_DATABASE_URL, FreshContextClient, login

DOWN = {"postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/nothing-listens-here",
        "sqlite": "sqlite:////nonexistent-folder/roundtable.db"}


def unreachable_app(backend, **config):
    """An app on a database that is not there (or on ``config``'s), with no schema made for it."""
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": DOWN[backend], "SECRET_KEY": "test-secret",
                      "SERVER_NAME": "localhost", "WTF_CSRF_ENABLED": False, **config})
    app.test_client_class = FreshContextClient
    return app


@pytest.fixture
def down_app(backend):
    """An app like production (no exception reaches the client) whose database is unreachable."""
    return unreachable_app(backend, PROPAGATE_EXCEPTIONS=False)


def assert_friendly_503(response):
    page = response.get_data(as_text=True)
    assert response.status_code == 503, page[:300]
    assert response.headers["Retry-After"] == "30"
    assert "Roundtable is not working just now" in page and "try again in a minute" in page
    assert "Traceback" not in page and "OperationalError" not in page and "Internal Server Error" not in page
    assert 'href="/static/css/site.css"' in page  # the site's own page, not a bare text


def test_a_visitor_gets_a_friendly_503(down_app):
    client = down_app.test_client()
    assert_friendly_503(client.post("/account/login", data={"email": "sam@example.com", "password": "whatever1"}))
    assert down_app.test_client().get("/").status_code == 200  # a page that needs no database still works


def test_a_logged_in_student_gets_a_friendly_503(app, world, down_app):
    """The session cookie names a user the error page cannot load: it renders without them."""
    client = login(app.test_client(), world.student)
    cookie = client.get_cookie("roundtable_session", domain="localhost").value
    down = down_app.test_client()
    down.set_cookie("roundtable_session", cookie, domain="localhost")
    for path in ("/", f"/classes/{world.classroom.id}/", "/account/"):
        assert_friendly_503(down.get(path))
    missing = down.get("/no/such/page")  # the full page needs the user: it falls back to the plain one
    assert missing.status_code == 404 and "Page not found" in missing.get_data(as_text=True)


def test_the_friendly_503_also_when_exceptions_propagate(backend):
    """Tests propagate exceptions; the database handler answers before that."""
    app = unreachable_app(backend)
    assert_friendly_503(app.test_client().post("/account/login", data={"email": "a@example.com", "password": "x"}))


def test_healthz_says_the_database_is_unreachable(down_app):
    response = down_app.test_client().get("/healthz")
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.json["status"] == "error" and response.json["database"] == "unreachable"


def test_healthz_writes_and_says_when_the_database_cannot_write(backend, app):
    """A database that answers but keeps nothing (read-only: a replica, a read-only file)."""
    assert app.test_client().get("/healthz").json == {"status": "ok", "database": "ok"}
    if backend == "postgresql":
        read_only = unreachable_app(backend, SQLALCHEMY_DATABASE_URI=TEST_DATABASE_URL, SQLALCHEMY_ENGINE_OPTIONS={
            "connect_args": {"options": "-c default_transaction_read_only=on"}})
    else:
        path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
        read_only = unreachable_app(backend, SQLALCHEMY_DATABASE_URI=f"sqlite:///file:{path}?mode=ro&uri=true")
    response = read_only.test_client().get("/healthz")
    with read_only.app_context():
        db.engine.dispose()
    assert response.status_code == 503
    assert response.json["status"] == "error" and response.json["database"] == "cannot write"


def test_healthz_keeps_one_row(app, client):
    from sqlalchemy import func, select

    from app.main.health import HealthCheck

    for _ in range(3):
        assert client.get("/healthz").status_code == 200
    assert db.session.scalar(select(func.count()).select_from(HealthCheck)) == 1
