"""In-app notifications: a reply to my post, an @mention, a post in a thread I follow.

Each person gets at most one notification per post (reply, then mention, then
follow). Written in one multi-row insert.

This is also the one place other features hear about them (``listen``): each batch of
notifications (and each report of a post, which has the teachers' queue instead of a
notification) is announced once as an ``Activity``, with who may read the post, worked
out for all recipients at once (``readers_of``, a fixed number of queries). The e-mail
feature (``app.notify``) writes its e-mails from it, in the same transaction.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import func, insert, select, update

from app import clock
from app.auth.models import User
from app.classes.models import Membership, Role
from app.extensions import db
from app.permissions import can_teach

from .access import can_read_post
from .models import Notification, Post, Thread, ThreadFollow
from .rules import ThreadRules, readers_rules

LABELS = {
    "reply": "{actor} replied to your post in “{title}”",
    "mention": "{actor} mentioned you in “{title}”",
    "follow": "{actor} wrote in “{title}”, a thread you follow",
    "grade": "{actor} gave you a grade for your reflection on “{title}”",
    "returned": "{actor} returned your reflection on “{title}” for you to change",
}
#: Kinds whose notification opens a page other than its post: kind -> (notification) -> URL or None.
#: Other features add theirs (grading: "grade" and "returned" open the reflection's pages).
TARGETS: dict[str, Callable[[Notification], str | None]] = {}


@dataclass
class Activity:
    """What happened, for the listeners: who was told of which post, and what each may read."""

    #: Recipient id -> "reply", "mention", "follow", "grade", "returned" or "report".
    kinds: dict[int, str]
    post: Post
    thread: Thread
    actor: User
    #: The recipients of "reply" and "mention" who may read the post, with their rules in its thread.
    readers: dict[int, tuple[User, ThreadRules]] = field(default_factory=dict)
    #: Other recipients (grades, returned reflections, reports), loaded.
    users: dict[int, User] = field(default_factory=dict)


_listeners: list[Callable[[Activity], None]] = []


def listen(listener: Callable[[Activity], None]) -> Callable[[Activity], None]:
    """Call ``listener(activity)`` for every batch of notifications, in the same unit of work."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def _announce(activity: Activity) -> None:
    for listener in _listeners:
        listener(activity)


def readers_of(post: Post, thread: Thread, user_ids) -> dict[int, tuple[User, ThreadRules]]:
    """The users among ``user_ids`` whom the thread page would show ``post`` (``can_read_post``), with
    their rules there: for any number of users, two queries plus the readers providers' (at most three)."""
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        select(User, Membership)
        .outerjoin(Membership, (Membership.user_id == User.id) & (Membership.classroom_id == thread.classroom_id))
        .where(User.id.in_(ids))
    ).all()
    teaching = {(user.id, thread.classroom_id) for user, membership in rows if can_teach(user, membership)}
    members = {user.id: {thread.classroom_id} for user, membership in rows if membership is not None or user.is_admin}
    special = readers_rules([thread], members, teaching)
    found = {}
    for user, _ in rows:
        if user.id not in members:
            continue
        rules = special.get((thread.id, user.id), ThreadRules())
        if can_read_post(user, post, (user.id, thread.classroom_id) in teaching, rules):
            found[user.id] = (user, rules)
    return found


def notify(targets: dict[int, str], post: Post, thread: Thread, actor) -> None:
    """Write one notification per target (one insert) and announce them (``listen``)."""
    targets = {uid: kind for uid, kind in targets.items() if uid != actor.id}
    if not targets:
        return
    now = clock.now()
    db.session.execute(insert(Notification), [
        {"user_id": uid, "kind": kind, "post_id": post.id, "actor_id": actor.id, "created_at": now}
        for uid, kind in sorted(targets.items())
    ])
    _announce_batch(targets, post, thread, actor)


def report_made(post: Post, thread: Thread, reporter) -> None:
    """Announce a report of ``post`` to the class's teachers (they have the queue, not a notification)."""
    teachers = db.session.scalars(
        select(Membership.user_id).where(Membership.classroom_id == thread.classroom_id,
                                         Membership.role == Role.TEACHER, Membership.user_id != reporter.id))
    _announce_batch({uid: "report" for uid in teachers}, post, thread, reporter)


def _announce_batch(targets: dict[int, str], post: Post, thread: Thread, actor) -> None:
    if not _listeners or not targets:
        return
    reading = [uid for uid, kind in targets.items() if kind in ("reply", "mention")]
    others = [uid for uid, kind in targets.items() if kind in ("grade", "returned", "report")]
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(sorted(others))))} if others else {}
    _announce(Activity(targets, post, thread, actor, readers_of(post, thread, reading), users))


def mentioned(source: str, members: list[tuple[int, str]]) -> set[int]:
    """Ids of the members named as ``@Display Name`` in the text (any case; longest name wins)."""
    text = source.casefold()
    found: set[int] = set()
    taken: list[tuple[int, int]] = []
    for user_id, name in sorted(members, key=lambda m: -len(m[1])):
        pattern = re.compile(r"(?<![\w@])@" + re.escape(name.casefold()) + r"(?![\w])")
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            found.add(user_id)
    return found


def notify_new_post(post: Post, thread: Thread, *, parent: Post | None, author) -> None:
    """Create the notifications a new post causes."""
    targets: dict[int, str] = {}
    if parent is not None and parent.author_id != author.id and not parent.deleted:
        targets[parent.author_id] = "reply"
    if "@" in post.source:
        members = db.session.execute(
            select(User.id, User.display_name)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.classroom_id == thread.classroom_id)
        ).all()
        named = [uid for uid in mentioned(post.source, [(m[0], m[1]) for m in members]) if uid not in targets]
        readers = readers_of(post, thread, named)  # a mention of someone who may not read it tells nobody
        for user_id in named:
            if user_id in readers:
                targets[user_id] = "mention"
    followers = db.session.scalars(
        select(ThreadFollow.user_id)
        .join(Membership, (Membership.user_id == ThreadFollow.user_id) & (Membership.classroom_id == thread.classroom_id))
        .where(ThreadFollow.thread_id == thread.id, ThreadFollow.active.is_(True))
    )
    for user_id in followers:
        targets.setdefault(user_id, "follow")
    notify(targets, post, thread, author)


#: The bell counts unread notifications up to this many ("99+"): at most this many index entries.
UNREAD_CAP = 100


def unread_count(user_id: int) -> int:
    """How many notifications the user has not opened, up to ``UNREAD_CAP`` (from the index
    ``ix_notification_user_read`` alone, however many a user never opened)."""
    unread = (select(Notification.id).where(Notification.user_id == user_id, Notification.read_at.is_(None))
              .limit(UNREAD_CAP).subquery())
    return db.session.scalar(select(func.count()).select_from(unread)) or 0


def recent(user_id: int, limit: int = 50) -> list[tuple[Notification, str, int]]:
    """The newest notifications with the thread title and class id."""
    from sqlalchemy.orm import joinedload

    rows = db.session.execute(
        select(Notification, Thread.title, Post.classroom_id)
        .join(Post, Post.id == Notification.post_id)
        .join(Thread, Thread.id == Post.thread_id)
        .options(joinedload(Notification.actor))
        .where(Notification.user_id == user_id)
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    return [(n, title, cid) for n, title, cid in rows]


def label(notification: Notification, title: str, actor: str | None = None) -> str:
    """A plain sentence for one notification (``actor`` replaces the real name)."""
    return LABELS[notification.kind].format(actor=actor or notification.actor.display_name, title=title)


def get_notification(user_id: int, notification_id: int) -> Notification:
    """The user's notification with its post, or 404."""
    from sqlalchemy.orm import joinedload

    notification = db.session.scalar(
        select(Notification).options(joinedload(Notification.post))
        .where(Notification.id == notification_id, Notification.user_id == user_id)
    )
    if notification is None:
        abort(404)
    return notification


def target(notification: Notification) -> str | None:
    """Where opening the notification leads when not to its post (None: to its post)."""
    find = TARGETS.get(notification.kind)
    return find(notification) if find else None


def mark_read(user_id: int, notification_id: int | None = None) -> None:
    """Mark one notification (or all) as read."""
    stmt = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    db.session.execute(stmt.values(read_at=clock.now()))
