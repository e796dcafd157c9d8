"""The health check behind ``/healthz``: can the database be reached, and can it write?

A load balancer or a monitor asks often, so the check is small: ``SELECT 1``, then one
committed write (the single row of ``health_check`` gets the time). The write is what
catches a database that answers but cannot keep anything: a full disk, a read-only
file or replica, a lock held too long. It runs on its own connection and commits there,
outside the request's unit of work, so a failure is reported as JSON, not as an error page.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import db

OK, UNREACHABLE, CANNOT_WRITE = "ok", "unreachable", "cannot write"


class HealthCheck(db.Model):
    """One row, written by every health check."""

    id: Mapped[int] = mapped_column(primary_key=True)
    #: When a health check last wrote.
    checked_at: Mapped[datetime]


def database_state() -> tuple[str, str]:
    """``(state, detail)``: ``OK``, ``UNREACHABLE`` or ``CANNOT_WRITE``, and the error's kind."""
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            conn.rollback()
            try:
                _write(conn)
                conn.commit()
            except SQLAlchemyError as exc:
                conn.rollback()
                return CANNOT_WRITE, type(exc.orig if getattr(exc, "orig", None) else exc).__name__
    except SQLAlchemyError as exc:
        return UNREACHABLE, type(exc.orig if getattr(exc, "orig", None) else exc).__name__
    return OK, ""


def _write(conn) -> None:
    insert = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert
    now = clock.now()
    conn.execute(insert(HealthCheck).values(id=1, checked_at=now)
                 .on_conflict_do_update(index_elements=["id"], set_={"checked_at": now}))
