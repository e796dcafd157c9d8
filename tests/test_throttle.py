"""Accounts under attack and costly requests (issue 13.5): rate limits that hold without
locking out the owner, say when to try again and keep what was typed."""
from __future__ import annotations

import os
import socket
import uuid

import pytest
from sqlalchemy import func, select

from app.auth import services
from app.auth.models import User
from app.extensions import db
from app.forum.models import Post
from tests.conftest import PASSWORD, World, login
from tests.forum.factories import start

WRONG = "not-my-password"


def limited_app(app_factory, **limits):
    """The test app with rate limits on, each limit as given and the others far away."""
    loose = {name: "1000 per minute" for name in (
        "LOGIN_LIMIT_PER_ACCOUNT_ADDRESS", "LOGIN_LIMIT_PER_ACCOUNT", "LOGIN_LIMIT_PER_ADDRESS",
        "REGISTER_LIMIT_PER_ADDRESS", "WRITE_LIMIT_PER_USER", "WRITE_LIMIT_PER_ADDRESS", "PREVIEW_LIMIT_PER_USER",
        "PREVIEW_LIMIT_PER_ADDRESS", "SEARCH_LIMIT_PER_USER", "SEARCH_LIMIT_PER_ADDRESS")}
    return app_factory(RATELIMIT_ENABLED=True, **{**loose, **limits})


def client_at(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def log_in(client, email, password):
    return client.post("/account/login", data={"email": email, "password": password})


def test_a_guesser_does_not_lock_the_owner_out(app_factory, make_user):
    app = limited_app(app_factory, LOGIN_LIMIT_PER_ACCOUNT_ADDRESS="5 per minute", LOGIN_LIMIT_PER_ACCOUNT="50 per hour")
    owner = make_user()
    guesser = client_at(app, "203.0.113.9")
    assert [log_in(guesser, owner.email, WRONG).status_code for _ in range(6)] == [200] * 5 + [429]
    refused = log_in(guesser, owner.email, PASSWORD)  # from there, not even the right one is checked
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert "Too many wrong passwords. Please wait 1 minute, then try again." in page
    assert f'value="{owner.email}"' in page  # the email is kept
    assert log_in(client_at(app, "198.51.100.7"), owner.email, PASSWORD).status_code == 302


def test_guessing_from_many_addresses_meets_the_slower_account_limit(app_factory, make_user):
    app = limited_app(app_factory, LOGIN_LIMIT_PER_ACCOUNT_ADDRESS="5 per minute", LOGIN_LIMIT_PER_ACCOUNT="8 per hour")
    owner = make_user()
    codes = [log_in(client_at(app, f"203.0.113.{n}"), owner.email, WRONG).status_code for n in range(9)]
    assert codes == [200] * 8 + [429]
    page = log_in(client_at(app, "198.51.100.7"), owner.email, PASSWORD).get_data(as_text=True)
    assert "Please wait 1 hour, then try again." in page


def test_one_address_trying_many_accounts_is_limited(app_factory):
    app = limited_app(app_factory, LOGIN_LIMIT_PER_ADDRESS="4 per minute")
    client = client_at(app, "203.0.113.9")
    codes = [log_in(client, f"user{n}@example.com", WRONG).status_code for n in range(5)]
    assert codes == [200] * 4 + [429]


def test_right_passwords_count_nothing(app_factory, make_user):
    app = limited_app(app_factory, LOGIN_LIMIT_PER_ACCOUNT_ADDRESS="2 per minute", LOGIN_LIMIT_PER_ADDRESS="2 per minute")
    user = make_user()
    client = client_at(app, "203.0.113.9")
    for _ in range(5):
        assert log_in(client, user.email, PASSWORD).status_code == 302
        client.post("/account/logout")


def test_guessing_the_current_password_on_the_settings_page_counts_too(app_factory, make_user):
    app = limited_app(app_factory, LOGIN_LIMIT_PER_ACCOUNT_ADDRESS="2 per minute")
    user = make_user()
    client = client_at(app, "203.0.113.9")
    log_in(client, user.email, PASSWORD)
    change = {"current_password": WRONG, "new_password": "a brand new password", "confirm": "a brand new password"}
    pages = [client.post("/account/password", data=change).get_data(as_text=True) for _ in range(3)]
    assert "This is not your current password." in pages[0]
    assert "Too many wrong passwords" in pages[2]


def test_an_unknown_email_costs_the_same_hash_as_a_real_account(app_factory, make_user):
    app_factory(PASSWORD_HASH_METHOD="scrypt:4096:8:1")
    user = make_user()
    real = user.password_hash.rsplit("$", 2)[0]
    assert real == "scrypt:4096:8:1"
    assert services.dummy_hash(services.hash_method()).rsplit("$", 2)[0] == real
    assert services.authenticate("nobody@example.com", PASSWORD) is None


def test_registration_is_limited_per_address_and_keeps_what_was_typed(app_factory):
    app = limited_app(app_factory, REGISTER_LIMIT_PER_ADDRESS="3 per hour")
    client = client_at(app, "203.0.113.9")
    for n in range(3):
        response = client.post("/account/register", data={"display_name": f"Bot {n}", "email": f"bot{n}@example.com",
                                                          "password": PASSWORD})
        assert response.status_code == 302
        client.post("/account/logout")
    refused = client.post("/account/register", data={"display_name": "Nadia", "email": "nadia@example.com",
                                                     "password": PASSWORD})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "Please wait 1 hour, then press the button again." in page
    assert 'value="Nadia"' in page and 'value="nadia@example.com"' in page
    assert db.session.scalar(select(func.count()).select_from(User)) == 3
    assert client_at(app, "198.51.100.7").post("/account/register", data={
        "display_name": "Nadia", "email": "nadia@example.com", "password": PASSWORD}).status_code == 302


def limited_world(app_factory, **limits):
    """A limited app, its World, and ``as_(user)`` for a logged-in client of that app."""
    app = limited_app(app_factory, **limits)
    return app, World(), lambda user: login(app.test_client(), user)


def test_posting_too_fast_keeps_the_text_and_saves_nothing(app_factory):
    app, world, as_ = limited_world(app_factory, WRITE_LIMIT_PER_USER="2 per minute")
    thread, first = start(world.classroom, world.teacher)
    client = as_(world.student)
    replies = [client.post(f"/classes/{world.classroom.id}/posts/{first.id}/reply", data={"body": f"Reply number {n}."})
               for n in range(3)]
    assert [r.status_code for r in replies[:2]] == [302, 302]
    page = replies[2].get_data(as_text=True)
    assert "You are going very fast. Please wait 1 minute, then try again. Your text is still here." in page
    assert "Reply number 2." in page
    assert db.session.scalar(select(func.count()).select_from(Post)) == 3  # the first post and two replies


def test_posting_is_also_limited_per_address(app_factory):
    app, world, as_ = limited_world(app_factory, WRITE_LIMIT_PER_ADDRESS="1 per minute")
    thread, first = start(world.classroom, world.teacher)
    url = f"/classes/{world.classroom.id}/posts/{first.id}/reply"
    assert as_(world.student).post(url, data={"body": "From the school network."}).status_code == 302
    assert "You are going very fast" in as_(world.teacher).post(url, data={"body": "Me too."}).get_data(as_text=True)


def test_search_too_fast_says_so_and_keeps_the_words(app_factory):
    app, world, as_ = limited_world(app_factory, SEARCH_LIMIT_PER_USER="2 per minute")
    client = as_(world.student)
    url = f"/classes/{world.classroom.id}/search?q=breakfast+time"
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    refused = client.get(url)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "You are going very fast. Please wait 1 minute" in page
    assert 'value="breakfast time"' in page


def test_preview_too_fast_answers_in_the_preview_area(app_factory):
    app, world, as_ = limited_world(app_factory, PREVIEW_LIMIT_PER_USER="2 per minute")
    client = as_(world.student)
    previews = [client.post("/editor/preview", data={"body": "**hi**"}, headers={"HX-Request": "true"}) for _ in range(3)]
    assert [p.status_code for p in previews] == [200, 200, 200]
    assert "<strong>hi</strong>" in previews[1].get_data(as_text=True)
    third = previews[2].get_data(as_text=True)
    assert "You are going very fast" in third and "<strong>" not in third
    assert previews[2].headers["Retry-After"].isdigit()
    # Preview without JavaScript (the form's own button) counts the same way
    thread, first = start(world.classroom, world.teacher)
    page = client.post(f"/classes/{world.classroom.id}/posts/{first.id}/reply",
                       data={"body": "**Kept**", "_preview": "1"}).get_data(as_text=True)
    assert "You are going very fast" in page and "**Kept**" in page


def test_a_broken_limit_store_does_not_stop_logins(app_factory, make_user):
    app = app_factory(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1")  # nothing listens there
    user = make_user()
    assert log_in(app.test_client(), user.email, WRONG).status_code == 200
    assert log_in(app.test_client(), user.email, PASSWORD).status_code == 302


# -- several instances share Redis -------------------------------------------------------------

REDIS = ("127.0.0.1", 6379)


def _redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis_uri():
    if not _redis_answers():
        if os.environ.get("CI"):
            pytest.fail("CI must test the shared limits: Redis is not answering at 127.0.0.1:6379 (.ci/run starts it)")
        pytest.skip("Redis is not answering at 127.0.0.1:6379 (start redis-server to run this test)")
    return "redis://127.0.0.1:6379/0"


def test_two_instances_sharing_redis_share_the_limit(app_factory, make_user, tmp_path, redis_uri):
    """Two app objects, each with its own connection to Redis (as two gunicorn instances
    have): wrong passwords sent to both in turn are counted together."""
    shared = {"RATELIMIT_STORAGE_URI": redis_uri, "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
              "LOGIN_LIMIT_PER_ACCOUNT_ADDRESS": "5 per minute"}
    first = limited_app(app_factory, **shared)
    second = limited_app(app_factory, **shared, SQLALCHEMY_DATABASE_URI=first.config["SQLALCHEMY_DATABASE_URI"])
    assert first.extensions["roundtable.throttle"] is not second.extensions["roundtable.throttle"]
    user = make_user()
    clients = [first.test_client(), second.test_client()]
    codes = [log_in(clients[n % 2], user.email, WRONG).status_code for n in range(8)]
    assert codes == [200] * 5 + [429] * 3


def test_each_instance_alone_counts_only_its_own_tries_in_memory(app_factory, make_user):
    """Why production needs Redis: with memory:// two instances let twice as many through."""
    first = limited_app(app_factory, LOGIN_LIMIT_PER_ACCOUNT_ADDRESS="5 per minute")
    second = limited_app(app_factory, LOGIN_LIMIT_PER_ACCOUNT_ADDRESS="5 per minute",
                         SQLALCHEMY_DATABASE_URI=first.config["SQLALCHEMY_DATABASE_URI"])
    user = make_user()
    clients = [first.test_client(), second.test_client()]
    codes = [log_in(clients[n % 2], user.email, WRONG).status_code for n in range(8)]
    assert codes == [200] * 8
