"""Accounts: registration, login, sessions that really end."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import User
from app.auth.passwords import common_passwords, password_problem
from app.auth.routes import safe_next
from app.extensions import db
from tests.conftest import PASSWORD, login


def register(client, **data):
    form = {"display_name": "Nadia", "email": "nadia@example.com", "password": PASSWORD}
    form.update(data)
    return client.post("/account/register", data=form)


def test_register_logs_in_and_stores_a_hash(client):
    response = register(client, email="  Nadia@Example.COM ")
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.email == "nadia@example.com"
    assert user.password_hash != PASSWORD and user.password_hash.startswith(("scrypt", "pbkdf2"))
    assert "My classes" in client.get("/").get_data(as_text=True)


def test_register_errors_keep_what_was_typed_but_not_the_password(client):
    page = register(client, email="kim@example.com", display_name="Kim Lee", password="sunshine").get_data(as_text=True)
    assert "easy to guess" in page
    assert 'value="Kim Lee"' in page and 'value="kim@example.com"' in page
    assert "sunshine" not in page


@pytest.mark.parametrize(
    ("password", "message"),
    [("short", "at least 8 characters"), ("password", "Many people use this password"), ("Qwerty123", "Many people"), ("violet tram lines", None)],
)
def test_password_rules(password, message):
    problem = password_problem(password)
    assert (problem is None) if message is None else (message in problem)


def test_common_password_list_has_one_thousand_entries():
    assert len(common_passwords()) == 1000
    assert "iloveyou" in common_passwords()


def test_register_rejects_common_password_next_to_the_field(client):
    page = register(client, password="baseball").get_data(as_text=True)
    assert 'id="password-error"' in page and "easy to guess" in page
    assert 'aria-describedby="password-hint password-error"' in page


def test_wrong_email_and_wrong_password_get_the_same_message(client, make_user):
    user = make_user()
    wrong_password = client.post("/account/login", data={"email": user.email, "password": "nope-nope-nope"})
    wrong_email = client.post("/account/login", data={"email": "nobody@example.com", "password": PASSWORD})
    for response in (wrong_password, wrong_email):
        assert response.status_code == 200
        assert "The email or the password is wrong." in response.get_data(as_text=True)


def test_login_goes_back_to_the_page_asked_for(client, world):
    url = f"/classes/{world.classroom.id}/"
    first = client.get(url)
    assert first.headers["Location"] == f"/account/login?next=/classes/{world.classroom.id}/"
    response = client.post(f"/account/login?next={url}", data={"email": world.student.email, "password": PASSWORD})
    assert response.headers["Location"] == url


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "evil", ""]
)
def test_login_ignores_other_sites_as_return_address(target):
    assert safe_next(target) is None


def test_safe_next_keeps_local_paths():
    assert safe_next("/classes/3/?page=2") == "/classes/3/?page=2"


def _cookie(client):
    return client.get_cookie("roundtable_session").value


def _replay(app, cookie):
    fresh = app.test_client()
    fresh.set_cookie("roundtable_session", cookie, domain="localhost")
    return fresh.get("/account/")


def test_old_cookie_is_dead_after_logout(app, make_user):
    client = login(app.test_client(), make_user())
    stolen = _cookie(client)
    assert _replay(app, stolen).status_code == 200
    client.post("/account/logout")
    assert _replay(app, stolen).status_code == 302


def test_password_change_ends_other_sessions_but_not_this_one(app, make_user):
    user = make_user()
    phone, laptop = login(app.test_client(), user), login(app.test_client(), user)
    response = phone.post("/account/password", data={"current_password": PASSWORD, "new_password": "a new secret phrase"})
    assert response.status_code == 302
    assert phone.get("/account/").status_code == 200
    assert laptop.get("/account/").status_code == 302
    assert login(app.test_client(), user, "a new secret phrase")


def test_password_change_needs_the_current_password(app, make_user):
    client = login(app.test_client(), make_user())
    page = client.post("/account/password", data={"current_password": "wrong one", "new_password": "another phrase"})
    assert "This is not your current password." in page.get_data(as_text=True)


def test_log_out_everywhere(app, make_user):
    user = make_user()
    phone, laptop = login(app.test_client(), user), login(app.test_client(), user)
    phone.post("/account/logout-everywhere")
    assert phone.get("/account/").status_code == 302
    assert laptop.get("/account/").status_code == 302


def test_change_display_name(app, make_user):
    user = make_user("Old Name")
    client = login(app.test_client(), user)
    client.post("/account/name", data={"display_name": "  New Name "})
    db.session.expire_all()
    assert db.session.get(User, user.id).display_name == "New Name"
    page = client.post("/account/name", data={"display_name": ""}).get_data(as_text=True)
    assert "Please write your name." in page


def test_session_cookie_flags(app, make_user):
    user = make_user()
    response = app.test_client().post("/account/login", data={"email": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("roundtable_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_stale_csrf_token_keeps_the_typed_text(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    page = app.test_client().post(
        "/account/register", data={"display_name": "Lin", "email": "lin@example.com", "password": PASSWORD, "csrf_token": "old"}
    ).get_data(as_text=True)
    assert "Please press the button again" in page
    assert 'value="Lin"' in page and 'value="lin@example.com"' in page


def test_expired_session_on_a_form_goes_back_to_the_form_page_after_login(app, world):
    client = app.test_client()
    form_page = f"http://localhost/classes/{world.classroom.id}/settings"
    response = client.post(f"/classes/{world.classroom.id}/settings", data={"name": "x"}, headers={"Referer": form_page})
    assert response.headers["Location"] == f"/account/login?next=/classes/{world.classroom.id}/settings"


def test_expired_session_ignores_a_foreign_referrer(app, world):
    response = app.test_client().post("/classes/join", data={"code": "x"}, headers={"Referer": "https://evil.example/x"})
    assert response.headers["Location"] == "/account/login?next=/classes/join"


def test_expired_session_in_htmx_gets_a_message_in_place(app):
    response = app.test_client().post("/editor/preview", data={"body": "x"}, headers={"HX-Request": "true", "Referer": "http://localhost/x"})
    assert response.status_code == 200 and "You are logged out. Your text is kept in this browser." in response.get_data(as_text=True)
