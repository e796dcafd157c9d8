"""Dates people read at a glance, and the avatar's initials."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app import clock
from app.formatting import human_time, initials, when

NOW = datetime(2026, 12, 2, 10, 0)


@pytest.fixture
def frozen():
    clock.freeze(NOW)
    yield
    clock.freeze(None)


@pytest.mark.parametrize(("delta", "expected"), [
    (timedelta(minutes=-5), "5 minutes ago"),
    (timedelta(seconds=30), "in 1 minute"),
    (timedelta(minutes=20), "in 20 minutes"),
    (timedelta(minutes=9, seconds=30), "in 10 minutes"),  # rounded up, as the chat's countdown is
    (timedelta(hours=5), "today at 15:00"),
    (timedelta(hours=20), "tomorrow at 06:00"),
    (timedelta(days=3, hours=8), "in 3 days · Sat 5 Dec, 18:00"),
    (timedelta(days=-3), "3 days ago · Sun 29 Nov, 10:00"),
    (timedelta(days=400), "in 400 days · Thu 6 Jan 2028, 10:00"),
])
def test_when(frozen, delta, expected):
    assert when(NOW + delta, "Europe/London") == expected


def test_future_times_are_not_just_now(frozen):
    """The grading list said "Due just now" for a reflection due in four days."""
    assert human_time(NOW + timedelta(days=4), "UTC") == "in 4 days"


@pytest.mark.parametrize(("name", "expected"), [
    ("Ana Souza", "AS"), ("Classmate 3", "C3"), ("Yuki", "Y"), ("  ", "?"), ("Mary Ann Lee", "MA"),
])
def test_initials(name, expected):
    assert initials(name) == expected
