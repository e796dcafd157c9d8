"""Teachers' tools: hide posts, lock, pin and delete threads, reports and their queue."""
from __future__ import annotations

from flask import abort
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload

from app import clock
from app.classes.models import Classroom
from app.extensions import db
from app.media import services as media

from . import notifications
from .models import Post, Report, Thread


def set_hidden(post: Post, hidden: bool) -> None:
    """Hide or show a post."""
    post.hidden = hidden


def set_locked(thread: Thread, locked: bool) -> None:
    """Lock (no new replies) or unlock a thread."""
    thread.locked = locked


def set_pinned(thread: Thread, pinned: bool) -> None:
    """Pin a thread to the top of its forum, or unpin it."""
    thread.pinned = pinned


def delete_thread(thread: Thread) -> None:
    """Delete the thread and everything in it (the database cascades; stored files go after the commit)."""
    media.delete_for_posts(list(db.session.scalars(select(Post.id).where(Post.thread_id == thread.id))))
    db.session.execute(delete(Thread).where(Thread.id == thread.id))


def report(post: Post, reporter, reason: str) -> Report:
    """Ask the teachers to look at a post."""
    row = Report(classroom_id=post.classroom_id, post_id=post.id, reporter_id=reporter.id, reason=reason.strip())
    db.session.add(row)
    db.session.flush()
    notifications.report_made(post, db.session.get(Thread, post.thread_id), reporter)
    return row


def open_reports(classroom: Classroom) -> list[Report]:
    """Unresolved reports of the class, oldest first, with post, thread and people loaded."""
    return list(db.session.scalars(
        select(Report)
        .options(joinedload(Report.post).joinedload(Post.author), joinedload(Report.post).joinedload(Post.thread),
                 joinedload(Report.reporter))
        .where(Report.classroom_id == classroom.id, Report.resolved_at.is_(None))
        .order_by(Report.id)
    ))


def open_report_count(classroom: Classroom) -> int:
    return db.session.scalar(
        select(func.count(Report.id)).where(Report.classroom_id == classroom.id, Report.resolved_at.is_(None))
    ) or 0


def get_report(classroom: Classroom, report_id: int) -> Report:
    """The class's report, or 404."""
    report = db.session.scalar(select(Report).where(Report.id == report_id, Report.classroom_id == classroom.id))
    if report is None:
        abort(404)
    return report


def resolve(report_row: Report, teacher, action: str) -> None:
    """Resolve a report: "hide" hides the post (and closes every open report of it), "dismiss" closes it."""
    now = clock.now()
    if action == "hide":
        db.session.execute(update(Post).where(Post.id == report_row.post_id).values(hidden=True))
        targets = (Report.post_id == report_row.post_id) & Report.resolved_at.is_(None)
        resolution = "hidden"
    elif action == "dismiss":
        targets = Report.id == report_row.id
        resolution = "dismissed"
    else:
        raise ValueError(action)
    db.session.execute(update(Report).where(targets).values(resolved_at=now, resolved_by_id=teacher.id,
                                                            resolution=resolution))
