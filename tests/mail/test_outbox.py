"""The outbox: written with the change, sent after the commit, retried, never sent twice."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from flask import abort
from sqlalchemy import select

from app import clock, unit_of_work, worker
from app.extensions import db
from app.mail import messages, outbox, rules
from app.mail.models import OutboxEmail
from tests.conftest import freeze_clock_at

NOW = datetime(2026, 12, 2, 9, 0)
frozen = freeze_clock_at(NOW)


def _write(user, to: str | None = None) -> OutboxEmail:
    return messages.send("registration_attempt", to=to or user.email, user=user, subject="Hello",
                         login="http://example.test/login", forgot="http://example.test/forgot")


def _rows() -> list[OutboxEmail]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)))


@pytest.fixture
def routes(app, make_user):
    """Two views that write an e-mail: one succeeds, one answers 500 after writing it."""
    user = make_user("Nora", "nora@example.com")

    @app.post("/test/write")
    def write():
        _write(db.session.get(type(user), user.id))
        return "written"

    @app.post("/test/write-then-fail")
    def write_then_fail():
        _write(db.session.get(type(user), user.id))
        abort(500)

    return user


def test_an_email_written_in_a_request_is_sent_after_the_commit(app, routes, mailbox):
    assert app.test_client().post("/test/write").status_code == 200
    [row] = _rows()
    assert (row.status, row.attempts, row.last_error, row.next_attempt_at) == ("sent", 1, "", None)
    assert row.sent_at == NOW
    [received] = mailbox.messages
    assert received.rcpt_tos == ["nora@example.com"] and received.subject == "Hello"
    assert received.message["Message-ID"] == row.message_id
    assert received.message["From"] == app.config["MAIL_DEFAULT_SENDER"]


def test_a_request_that_fails_writes_and_sends_nothing(app, routes, mailbox):
    assert app.test_client().post("/test/write-then-fail").status_code == 500
    assert _rows() == [] and mailbox.messages == []


def test_a_mail_server_that_is_down_gets_the_email_later_once(app, make_user, mailbox):
    user = make_user()
    with mailbox.down():
        with unit_of_work.job():
            _write(user)  # the worker is woken after this commit, and fails
    [row] = _rows()
    assert row.status == "waiting" and row.attempts == 1 and "Connection refused" in row.last_error
    assert row.next_attempt_at == NOW + outbox.retry_delay(1) == NOW + timedelta(minutes=1)
    assert outbox.send_due() == 0  # not due yet
    clock.freeze(NOW + timedelta(minutes=1))
    assert outbox.send_due() == 1
    assert outbox.send_due() == 0
    [row] = _rows()
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")
    [received] = mailbox.messages
    assert received.message["Message-ID"] == row.message_id


def test_the_retries_end_after_the_last_attempt(app, make_user, mailbox):
    user = make_user()
    with mailbox.down():
        with unit_of_work.job():
            _write(user)
        moment = NOW
        for attempt in range(2, outbox.MAX_ATTEMPTS + 1):
            moment += outbox.retry_delay(attempt - 1)
            clock.freeze(moment)
            outbox.send_due()
    [row] = _rows()
    assert row.attempts == outbox.MAX_ATTEMPTS and row.status == "failed" and row.next_attempt_at is None
    clock.freeze(moment + timedelta(days=1))
    assert outbox.send_due() == 0 and _rows()[0].attempts == outbox.MAX_ATTEMPTS


def test_an_address_the_server_refuses_is_not_tried_again(app, make_user, mailbox):
    user = make_user(email="gone@example.com")
    mailbox.refuse.add("gone@example.com")
    with unit_of_work.job():
        _write(user)
    [row] = _rows()
    assert row.status == "failed" and "550" in row.last_error and row.attempts == 1
    assert mailbox.messages == []


def test_a_claim_keeps_other_workers_away_until_its_lease_ends(app, make_user):
    user = make_user()
    for _ in range(3):
        _write(user)
    db.session.commit()  # not through the unit of work: nobody is woken
    first = outbox.claim()
    db.session.commit()
    assert len(first) == 3
    assert outbox.claim() == []  # a second worker finds nothing
    clock.freeze(NOW + outbox.LEASE)  # the first worker died: the rows are due again
    assert outbox.claim() == first
    assert [r.attempts for r in _rows()] == [2, 2, 2]


def test_two_workers_at_once_never_claim_the_same_row(app, make_user):
    user = make_user()
    for _ in range(40):
        _write(user)
    db.session.commit()
    claims: list[list[int]] = []
    start = threading.Barrier(2)

    def work():
        with app.app_context():
            start.wait()
            with unit_of_work.job():
                claims.append(outbox.claim(limit=25))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(claims) == 2
    assert not set(claims[0]) & set(claims[1])
    assert sorted(claims[0] + claims[1]) == [r.id for r in _rows()][: len(claims[0]) + len(claims[1])]
    assert len(claims[0]) + len(claims[1]) == 40


def test_two_workers_sending_at_once_send_each_email_once(app, make_user, mailbox):
    user = make_user()
    for n in range(30):
        _write(user, to=f"reader{n}@example.com")
    db.session.commit()
    start = threading.Barrier(3)

    def work():
        with app.app_context():
            start.wait()
            outbox.send_due()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sent_to = sorted(address for m in mailbox.messages for address in m.rcpt_tos)
    assert sent_to == sorted(f"reader{n}@example.com" for n in range(30))
    assert all(r.status == "sent" and r.attempts == 1 for r in _rows())


def test_a_link_is_forgotten_once_sent_except_in_the_development_outbox(app, make_user, mailbox):
    user = make_user()
    app.config["DEV_OUTBOX"] = False
    with unit_of_work.job():
        messages.send("password_reset", to=user.email, user=user, secret=True, subject="Reset",
                      link="http://example.test/account/reset/SECRET")
        _write(user)
    secret, plain = _rows()
    assert secret.status == plain.status == "sent"
    assert (secret.text_body, secret.html_body) == ("", "") and secret.subject == "Reset"
    assert "http://example.test/login" in plain.text_body
    assert "SECRET" in mailbox.to(user.email)[0].text
    app.config["DEV_OUTBOX"] = True
    with unit_of_work.job():
        messages.send("password_reset", to=user.email, user=user, secret=True, subject="Reset",
                      link="http://example.test/account/reset/KEPT")
    assert "KEPT" in _rows()[-1].text_body


def test_a_queue_that_cannot_be_reached_does_not_undo_the_request(app, routes, mailbox, monkeypatch):
    def broken():
        raise ConnectionError("the queue is down")

    monkeypatch.setattr(messages, "wake_worker", lambda: worker.enqueue(broken))
    assert app.test_client().post("/test/write").status_code == 200
    [row] = _rows()
    assert row.status == "waiting" and row.attempts == 0 and mailbox.messages == []
    assert outbox.send_due() == 1  # the periodic sweep sends it
    assert len(mailbox.messages) == 1


def test_at_most_every_writes_one_email_in_that_time(app, make_user):
    user = make_user()
    gap = timedelta(minutes=5)
    assert messages.send("registration_attempt", to=user.email, user=user, subject="Hi", login="", forgot="",
                         at_most_every=gap)
    assert messages.send("registration_attempt", to=user.email, user=user, subject="Hi", login="", forgot="",
                         at_most_every=gap) is None
    clock.freeze(NOW + gap + timedelta(seconds=1))
    assert messages.send("registration_attempt", to=user.email, user=user, subject="Hi", login="", forgot="",
                         at_most_every=gap)


def test_links_start_with_the_public_address_never_the_request_host(app):
    app.config["PUBLIC_URL"] = "https://school.example.org/roundtable"
    with app.test_request_context("/", base_url="http://evil.example.com"):
        assert messages.link("auth.forgot_password") == "https://school.example.org/roundtable/account/forgot"


def test_only_confirmed_addresses_get_notifications(app, make_user):
    user = make_user(confirmed=False)
    assert not rules.can_receive_notifications(user)
    user.email_confirmed_at = NOW
    assert rules.can_receive_notifications(user)
    assert not rules.can_receive_notifications(None)


def test_retry_delays_grow_and_stop_growing():
    assert [outbox.retry_delay(n).total_seconds() / 60 for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 64, 64]
