"""Error pages, the health check, security headers and page structure."""
from __future__ import annotations

import pytest

from app.extensions import db


def test_healthz_answers_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize("path", ["/", "/account/login", "/healthz", "/nowhere"])
def test_every_response_carries_the_csp(client, path):
    csp = client.get(path).headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_not_found_page_is_friendly(client):
    response = client.get("/no/such/page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and "Page not found" in page and "Traceback" not in page


def test_too_big_request_gets_a_friendly_page(app_factory):
    app = app_factory(MAX_CONTENT_LENGTH=100)
    response = app.test_client().post("/account/login", data={"email": "x" * 500, "password": "y"})
    assert response.status_code == 413 and "This is too big" in response.get_data(as_text=True)


def test_server_error_page_hides_the_traceback(app_factory):
    app = app_factory(PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    boom.access = "public"
    response = app.test_client().get("/boom")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "Sorry, something broke" in page and "secret detail" not in page


def test_page_has_landmarks_a_skip_link_and_labels(client):
    page = client.get("/account/register").get_data(as_text=True)
    assert '<html lang="en">' in page and 'href="#main"' in page
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in page
    for field in ("display_name", "email", "password"):
        assert f'<label for="{field}">' in page
    assert page.count("<h1") == 1


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(app, backend):
    if backend != "sqlite":
        pytest.skip("SQLite pragmas only")
    from sqlalchemy import text

    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
