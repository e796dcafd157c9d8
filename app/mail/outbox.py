"""The outbox's rules: add a row, claim due rows, send them, record what happened.

Nothing is lost: a row is written in the transaction of the change that causes it, and
stays due until a worker records it sent (a worker that dies leaves it due again after
``LEASE``; a mail server that is down gets it again later, ``retry_delay``).

Nothing is sent twice by two workers: ``claim`` moves due rows' ``next_attempt_at`` a
lease ahead in one ``UPDATE … WHERE next_attempt_at <= now`` (on PostgreSQL its
subquery also takes ``FOR UPDATE SKIP LOCKED``, so a second worker picks other rows
instead of waiting; SQLite runs one writer at a time), and each result is committed as
soon as the mail server answered. A worker stops using its claim before the lease ends.
The one gap left: a worker killed between the server's "accepted" and that commit; the
row is then sent again after the lease, with the same Message-ID, which mail servers
use to drop repeats.
"""
from __future__ import annotations

import json
import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from flask import current_app
from flask_mailman import EmailMultiAlternatives
from sqlalchemy import func, insert, select, update

from app import clock, unit_of_work
from app.extensions import db, mail

from .models import OutboxEmail

log = logging.getLogger(__name__)

#: How long a claim keeps other workers away from a row.
LEASE = timedelta(minutes=15)
#: A worker stops sending its claimed rows this long before the lease ends.
LEASE_MARGIN = timedelta(minutes=2)
#: Rows claimed at once (sent over one SMTP connection).
BATCH = 50
#: Attempts before we give up on a row.
MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: 1, 2, 4 … 64 minutes (about 2 hours in all)."""
    return timedelta(minutes=2 ** min(max(attempts - 1, 0), 6))


def add(*, kind: str, to: str, subject: str, text: str, html: str, user_id: int | None = None,
        secret: bool = False, headers: dict[str, str] | None = None) -> OutboxEmail:
    """Write an e-mail to send into this unit of work (see ``messages.send``, which renders it)."""
    row = OutboxEmail(**_values(dict(kind=kind, to=to, subject=subject, text=text, html=html, user_id=user_id,
                                     secret=secret, headers=headers)))
    db.session.add(row)
    db.session.flush()
    return row


def add_many(emails: list[dict]) -> None:
    """Write many e-mails (each a dict of ``add``'s arguments) with one ``INSERT`` (an executemany)."""
    if emails:
        db.session.execute(insert(OutboxEmail), [_values(e) for e in emails])


def _values(email: dict) -> dict:
    domain = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1].rpartition("@")[2] or "roundtable.local"
    return dict(kind=email["kind"], to_address=email["to"], subject=email["subject"][:200], text_body=email["text"],
                html_body=email["html"], user_id=email.get("user_id"), secret=email.get("secret", False),
                headers=json.dumps(email.get("headers") or {}), message_id=make_msgid("roundtable", domain=domain))


def sent_recently(kind: str, to: str, within: timedelta) -> bool:
    """True when an e-mail of ``kind`` to ``to`` was written less than ``within`` ago."""
    return bool(db.session.scalar(
        select(func.count()).select_from(OutboxEmail)
        .where(OutboxEmail.kind == kind, OutboxEmail.to_address == to, OutboxEmail.created_at > clock.now() - within)
    ))


def latest(limit: int = 50) -> list[OutboxEmail]:
    """The newest e-mails, newest first (the development outbox)."""
    return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id.desc()).limit(limit)))


def claim(limit: int = BATCH) -> list[int]:
    """Take up to ``limit`` due rows for this worker (see the module docstring); their ids.

    Counts the attempt. Commit before sending, so other workers see the claim."""
    now = clock.now()
    due = (
        select(OutboxEmail.id).where(OutboxEmail.next_attempt_at <= now)
        .order_by(OutboxEmail.next_attempt_at, OutboxEmail.id).limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = db.session.execute(
        update(OutboxEmail)
        .where(OutboxEmail.id.in_(due.scalar_subquery()), OutboxEmail.next_attempt_at <= now)
        .values(next_attempt_at=now + LEASE, attempts=OutboxEmail.attempts + 1)
        .returning(OutboxEmail.id)
        .execution_options(synchronize_session=False)
    ).scalars()
    return sorted(claimed)


@dataclass(frozen=True)
class _Claimed:
    id: int
    to: str
    subject: str
    text: str
    html: str
    message_id: str
    secret: bool
    attempts: int
    headers: str = "{}"


def send_due(max_batches: int = 20) -> int:
    """Send what is due, a batch at a time (at most ``max_batches``); returns how many were sent."""
    sent = 0
    for _ in range(max_batches):
        with unit_of_work.job():
            ids = claim()
            claimed_at = clock.now()
            rows = [_Claimed(*row) for row in db.session.execute(
                select(OutboxEmail.id, OutboxEmail.to_address, OutboxEmail.subject, OutboxEmail.text_body,
                       OutboxEmail.html_body, OutboxEmail.message_id, OutboxEmail.secret, OutboxEmail.attempts,
                       OutboxEmail.headers)
                .where(OutboxEmail.id.in_(ids)).order_by(OutboxEmail.id)
            )] if ids else []
        if not rows:
            break
        sent += _send_batch(rows, stop_at=claimed_at + LEASE - LEASE_MARGIN)
        if len(rows) < BATCH:
            break
    return sent


def _send_batch(rows: list[_Claimed], stop_at: datetime) -> int:
    """Send claimed rows over one connection, recording each result at once."""
    try:
        connection = mail.get_connection()
        connection.open()
    except Exception as error:  # noqa: BLE001 - any failure to reach the server: try again later
        for row in rows:
            _record_failure(row, error)
        return 0
    sent = 0
    try:
        for index, row in enumerate(rows):
            if clock.now() >= stop_at:  # the lease runs out: leave the rest to the next claim
                _release(rows[index:])
                break
            try:
                _message(row, connection).send()
            except smtplib.SMTPRecipientsRefused as error:
                _record_failure(row, error, permanent=True)
            except (smtplib.SMTPServerDisconnected, OSError) as error:
                for lost in rows[index:]:  # the connection is gone: every row left waits for the next try
                    _record_failure(lost, error)
                break
            except Exception as error:  # noqa: BLE001 - recorded on the row, tried again later
                _record_failure(row, error)
            else:
                _record_sent(row)
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - the results are recorded already
            log.warning("closing the mail connection failed", exc_info=True)
    return sent


def _message(row: _Claimed, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(row.subject, row.text, to=[row.to], connection=connection,
                                     headers={**json.loads(row.headers or "{}"), "Message-ID": row.message_id})
    message.attach_alternative(row.html, "text/html")
    return message


def _forget_secret(row: _Claimed) -> dict:
    """Empty the body of a sent (or given-up) e-mail that held a one-time link."""
    if row.secret and not current_app.config.get("DEV_OUTBOX"):
        return {"text_body": "", "html_body": ""}
    return {}


def _update(row_id: int, **values) -> None:
    with unit_of_work.job():
        db.session.execute(update(OutboxEmail).where(OutboxEmail.id == row_id).values(**values)
                           .execution_options(synchronize_session=False))


def _record_sent(row: _Claimed) -> None:
    _update(row.id, sent_at=clock.now(), next_attempt_at=None, last_error="", **_forget_secret(row))


def _record_failure(row: _Claimed, error: Exception, *, permanent: bool = False) -> None:
    message = f"{type(error).__name__}: {error}"[:500]
    log.warning("e-mail %s to %s not sent (attempt %s): %s", row.id, row.to, row.attempts, message)
    if permanent or row.attempts >= MAX_ATTEMPTS:
        _update(row.id, failed_at=clock.now(), next_attempt_at=None, last_error=message, **_forget_secret(row))
    else:
        _update(row.id, next_attempt_at=clock.now() + retry_delay(row.attempts), last_error=message)


def _release(rows: list[_Claimed]) -> None:
    """Give rows back untried: due at once, the attempt not counted."""
    with unit_of_work.job():
        for row in rows:
            db.session.execute(update(OutboxEmail).where(OutboxEmail.id == row.id)
                               .values(next_attempt_at=clock.now(), attempts=OutboxEmail.attempts - 1)
                               .execution_options(synchronize_session=False))
