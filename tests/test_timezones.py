"""Times show in the viewer's own zone: unit tests for the helpers, request tests for the setting."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.extensions import db
from app.formatting import human_time, time_tag
from app.prompts.services import show_time
from app.timezones import is_valid, names, to_local, to_utc

NOW = datetime(2026, 11, 27, 23, 30)  # UTC: already the 28th in Tokyo


@pytest.fixture
def frozen():
    clock.freeze(NOW)
    yield
    clock.freeze(None)


def test_zone_list_has_utc_first_and_only_place_names():
    assert names()[0] == "UTC"
    assert "Asia/Tokyo" in names() and "America/Sao_Paulo" in names()
    assert not any(z.startswith(("Etc/", "US/", "SystemV/")) for z in names())
    assert is_valid("Europe/London") and not is_valid("Mars/Base") and not is_valid("")


def test_round_trip_through_a_zone_with_summer_time():
    local = datetime(2026, 7, 1, 9, 0)
    assert to_utc(local, "Europe/London") == datetime(2026, 7, 1, 8, 0)
    assert to_local(datetime(2026, 7, 1, 8, 0), "Europe/London") == local


def test_human_time_counts_days_in_the_zone(frozen):
    moment = datetime(2026, 11, 27, 12, 0)  # UTC noon
    assert human_time(moment, "UTC") == "today at 12:00"
    assert human_time(moment, "Asia/Tokyo") == "yesterday at 21:00"  # the 27th 21:00 in Tokyo, now the 28th
    assert human_time(datetime(2026, 11, 27, 23, 10), "Asia/Tokyo") == "20 minutes ago"


def test_pages_show_times_in_the_viewers_zone(app, make_user, frozen):
    from flask_login import login_user

    user = make_user("Kenji")
    user.time_zone = "Asia/Tokyo"
    db.session.commit()
    moment = datetime(2026, 11, 27, 12, 0)
    with app.test_request_context():
        assert "yesterday" not in str(time_tag(moment))  # nobody logged in: UTC
        assert show_time(moment, "Europe/London") == "Friday 27 November 2026, 12:00 (Europe/London)"
    with app.test_request_context():
        login_user(user)
        tag = str(time_tag(moment))
        assert 'datetime="2026-11-27T12:00:00Z"' in tag and "yesterday at 21:00" in tag and "Asia/Tokyo" in tag
        # The prompt's zone is only a fallback: the viewer's own zone wins.
        assert show_time(moment, "Europe/London") == "Friday 27 November 2026, 21:00 (Asia/Tokyo)"


def test_registration_keeps_the_browsers_zone_and_ignores_nonsense(client):
    for email, zone, stored in (("a@example.com", "America/Sao_Paulo", "America/Sao_Paulo"),
                                ("b@example.com", "<script>", "")):
        client.post("/account/register", data={"display_name": "A", "email": email,
                                                "password": "correct horse battery", "time_zone": zone})
        client.post("/account/logout")
        assert db.session.scalar(select(User.time_zone).where(User.email == email)) == stored


def test_account_page_changes_the_zone(app, make_user, login_as):
    user = make_user("Ana")
    client = login_as(user)
    page = client.get("/account/").get_data(as_text=True)
    assert 'name="time_zone"' in page and "data-detect-zone" in page  # none chosen yet: the browser may fill it
    response = client.post("/account/time-zone", data={"time_zone": "Europe/Madrid"})
    assert response.status_code == 302
    assert db.session.scalar(select(User.time_zone).where(User.id == user.id)) == "Europe/Madrid"
    page = client.get("/account/").get_data(as_text=True)
    assert "data-detect-zone" not in page and "Times now show in Europe/Madrid time." in page
    bad = client.post("/account/time-zone", data={"time_zone": "Moon/Crater"})
    assert bad.status_code == 200 and "Not a valid choice" in bad.get_data(as_text=True)
