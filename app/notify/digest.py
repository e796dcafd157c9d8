"""The digest: what is new in my classes since my last digest, daily or weekly.

``run(now)`` (hourly, ``tasks``) takes the users whose digest is due by their own
``last_digest_at`` (``due_users``), a batch at a time, and for each batch, in a fixed
number of queries whatever its size (``BATCH_QUERIES``): their classes, the new threads
there, the new replies to their posts, the new posts in threads they follow, what each may
read there (the forum's readers providers: the thread page's rules), then one ``INSERT`` of
e-mails and the new ``last_digest_at`` of everyone in the batch, in one transaction (a
worker that dies leaves the batch due: nothing is lost or sent twice). Nobody gets an
e-mail when nothing is new for them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import aliased

from app import clock, unit_of_work
from app.auth.models import User
from app.classes.models import Classroom, Membership, Role
from app.extensions import db
from app.formatting import short_date
from app.forum.access import can_read_post
from app.forum.models import Post, Thread, ThreadFollow
from app.forum.rules import ThreadRules, readers_rules
from app.mail import messages
from app.mail.messages import Email
from app.timezones import to_local

from . import unsubscribe
from .emails import post_link
from .excerpts import excerpt
from .models import DigestChoice

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
#: Users per batch.
BATCH = 200
#: Items shown per part of one digest (the rest: "and N more").
SHOWN = 10


@dataclass
class Item:
    """One line of a digest: a post (or a thread's opening post) with its place."""

    class_name: str
    title: str
    author: str
    excerpt: str
    url: str
    #: For a followed thread: how many new posts it has.
    count: int = 1


@dataclass
class Digest:
    """One user's digest."""

    user: User
    since: datetime
    discussions: list[Item] = field(default_factory=list)
    replies: list[Item] = field(default_factory=list)
    followed: list[Item] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.discussions or self.replies or self.followed)


def due_users(now: datetime, after_id: int = 0, limit: int = BATCH) -> list[tuple[User, datetime]]:
    """Up to ``limit`` users (by id, after ``after_id``) whose digest is due, each with the moment it
    starts from: their last digest, or one period ago for a first digest. One query."""
    frequency = func.coalesce(DigestChoice.frequency, "weekly")
    rows = db.session.execute(
        select(User, frequency, DigestChoice.last_digest_at)
        .outerjoin(DigestChoice, DigestChoice.user_id == User.id)
        .where(User.id > after_id, User.email_confirmed_at.is_not(None),
               or_(*(and_(frequency == name, or_(DigestChoice.last_digest_at.is_(None),
                                                 DigestChoice.last_digest_at <= now - period))
                     for name, period in PERIODS.items())))
        .order_by(User.id).limit(limit)
    ).all()
    return [(user, last or now - PERIODS[freq]) for user, freq, last in rows]


def build(batch: list[tuple[User, datetime]]) -> list[Digest]:
    """The digests of a batch of users (see the module docstring for the queries)."""
    if not batch:
        return []
    users = {user.id: user for user, _ in batch}
    since = {user.id: moment for user, moment in batch}
    oldest = min(since.values())
    ids = sorted(users)
    memberships = db.session.execute(
        select(Membership.user_id, Membership.classroom_id, Membership.role, Classroom.name)
        .join(Classroom, Classroom.id == Membership.classroom_id).where(Membership.user_id.in_(ids))
    ).all()
    members: dict[int, set[int]] = defaultdict(set)
    teaching: set[tuple[int, int]] = set()
    class_names: dict[int, str] = {}
    for user_id, class_id, role, name in memberships:
        members[user_id].add(class_id)
        class_names[class_id] = name
        if role == Role.TEACHER:
            teaching.add((user_id, class_id))
    digests = {uid: Digest(users[uid], since[uid]) for uid in ids}
    if not class_names:
        return list(digests.values())

    opening = aliased(Post)
    new_threads = db.session.execute(
        select(Thread.id, Thread.classroom_id, Thread.title, opening.id.label("post_id"), opening.author_id,
               opening.depth, opening.hidden, opening.html, opening.created_at)
        .join(opening, (opening.thread_id == Thread.id) & (opening.depth == 0))
        .where(Thread.classroom_id.in_(sorted(class_names)), opening.created_at > oldest, opening.deleted.is_(False))
        .order_by(opening.id)
    ).all()
    parent = aliased(Post)
    replies = db.session.execute(
        select(Post.id.label("post_id"), Post.thread_id, Post.classroom_id, Post.author_id, Post.depth, Post.hidden,
               Post.html, Post.created_at, parent.author_id.label("to_id"), Thread.title)
        .join(parent, parent.id == Post.parent_id).join(Thread, Thread.id == Post.thread_id)
        .where(parent.author_id.in_(ids), Post.author_id != parent.author_id, Post.created_at > oldest,
               Post.deleted.is_(False))
        .order_by(Post.id)
    ).all()
    follows = db.session.execute(
        select(ThreadFollow.user_id, ThreadFollow.thread_id)
        .where(ThreadFollow.user_id.in_(ids), ThreadFollow.active.is_(True))
    ).all()
    followed_posts = db.session.execute(
        select(Post.id.label("post_id"), Post.thread_id, Post.classroom_id, Post.author_id, Post.depth, Post.hidden,
               Post.html, Post.created_at, Thread.title)
        .join(Thread, Thread.id == Post.thread_id)
        .where(Post.thread_id.in_(sorted({t for _, t in follows})), Post.created_at > oldest, Post.deleted.is_(False))
        .order_by(Post.id)
    ).all() if follows else []
    author_ids = {r.author_id for r in (*new_threads, *replies, *followed_posts)}
    names = dict(db.session.execute(select(User.id, User.display_name).where(User.id.in_(sorted(author_ids))))
                 .all()) if author_ids else {}
    threads = {(r.id, r.classroom_id) for r in new_threads} | {(r.thread_id, r.classroom_id)
                                                               for r in (*replies, *followed_posts)}
    rules = readers_rules([_Key(t, c) for t, c in sorted(threads)], dict(members), teaching)

    def readable(uid: int, row, thread_id: int, classroom_id: int) -> ThreadRules | None:
        if classroom_id not in members.get(uid, ()) or row.created_at <= since[uid] or row.author_id == uid:
            return None
        thread_rules = rules.get((thread_id, uid), ThreadRules())
        if not can_read_post(users[uid], row, (uid, classroom_id) in teaching, thread_rules):
            return None
        return thread_rules

    def item(row, thread_rules: ThreadRules, classroom_id: int, title: str, count: int = 1) -> Item:
        author = thread_rules.name(row.author_id, names.get(row.author_id, "Someone"))
        return Item(class_names[classroom_id], title, author, excerpt(row.html),
                    post_link(_Key(row.post_id, classroom_id)), count)

    in_class: dict[int, list[int]] = defaultdict(list)
    for uid in ids:
        for class_id in members.get(uid, ()):
            in_class[class_id].append(uid)
    for row in new_threads:
        for uid in in_class[row.classroom_id]:
            found = readable(uid, row, row.id, row.classroom_id)
            if found is not None:
                digests[uid].discussions.append(item(row, found, row.classroom_id, row.title))
    shown_in_replies: set[tuple[int, int]] = set()
    for row in replies:
        found = readable(row.to_id, row, row.thread_id, row.classroom_id)
        if found is not None:
            digests[row.to_id].replies.append(item(row, found, row.classroom_id, row.title))
            shown_in_replies.add((row.to_id, row.post_id))
    following: dict[int, set[int]] = defaultdict(set)
    for uid, thread_id in follows:
        following[thread_id].add(uid)
    latest: dict[tuple[int, int], tuple[object, ThreadRules, int]] = {}
    for row in followed_posts:
        for uid in following[row.thread_id]:
            if (uid, row.post_id) in shown_in_replies or row.depth == 0:
                continue
            found = readable(uid, row, row.thread_id, row.classroom_id)
            if found is not None:
                _, _, count = latest.get((uid, row.thread_id), (None, None, 0))
                latest[uid, row.thread_id] = (row, found, count + 1)
    for (uid, _), (row, found, count) in sorted(latest.items()):
        digests[uid].followed.append(item(row, found, row.classroom_id, row.title, count))
    return list(digests.values())


@dataclass(frozen=True)
class _Key:
    """A thread or post by id and class: what the readers providers and ``post_link`` read."""

    id: int
    classroom_id: int


def subject(digest: Digest) -> str:
    """"What is new in your classes: 3 new posts"."""
    n = len(digest.discussions) + len(digest.replies) + sum(i.count for i in digest.followed)
    return f"What is new in your classes: {n} new post{'s' if n != 1 else ''}"


def write(digests: list[Digest], now: datetime) -> int:
    """Write the e-mails of the digests that have something (one ``INSERT``) and move everyone's
    ``last_digest_at`` to ``now`` (one ``UPDATE`` and one ``INSERT``). Returns how many e-mails."""
    emails = []
    for digest in digests:
        if digest.empty:
            continue
        stop, headers = unsubscribe.headers(digest.user.id, "digest")
        emails.append(Email("digest", to=digest.user.email, user=digest.user, subject=subject(digest), headers=headers,
                            context=dict(digest=digest, shown=SHOWN, unsubscribe_url=stop,
                                         since_text=short_date(to_local(digest.since, digest.user.time_zone or "UTC")),
                                         settings_url=messages.link("notify.settings"))))
    messages.send_many(emails)
    ids = [d.user.id for d in digests]
    if ids:
        having = set(db.session.scalars(select(DigestChoice.user_id).where(DigestChoice.user_id.in_(ids))))
        if having:
            db.session.execute(update(DigestChoice).where(DigestChoice.user_id.in_(sorted(having)))
                               .values(last_digest_at=now).execution_options(synchronize_session=False))
        missing = [uid for uid in ids if uid not in having]
        if missing:
            db.session.execute(insert(DigestChoice), [{"user_id": uid, "frequency": "weekly", "last_digest_at": now}
                                                      for uid in missing])
    return len(emails)


def run_batch(now: datetime, after_id: int = 0, limit: int = BATCH) -> tuple[int, int, int]:
    """One batch in this unit of work: (users looked at, e-mails written, the last user id)."""
    batch = due_users(now, after_id, limit)
    if not batch:
        return 0, 0, after_id
    return len(batch), write(build(batch), now), batch[-1][0].id


def run(now: datetime | None = None, limit: int = BATCH) -> int:
    """Every due digest, a batch per transaction; returns how many e-mails were written."""
    now = now or clock.now()
    written, after = 0, 0
    while True:
        with unit_of_work.job():
            count, emails, after = run_batch(now, after, limit)
        written += emails
        if count < limit:
            return written
