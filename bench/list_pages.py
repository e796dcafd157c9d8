"""Benchmark: the list pages' main queries with many rows, with and without the indexes
of migration ca43481f7c43 (issue 13.1).

    .venv/bin/python bench/list_pages.py [--database URL] [--notifications 10000] [--threads 500]

Builds one class in a new database (a temporary SQLite file, or the PostgreSQL database
given: its public schema is dropped and made again), with one reader who has
``--notifications`` notifications (and as many for others), a forum of ``--threads``
threads of 20 posts with read marks on half of them, and one thread of 2,000 posts. Then
it times, best of 20, what the notifications page, the forum page, the forums page and
"first new post" run, once with the indexes and once after dropping them. It prints
figures and asserts nothing (tests/test_query_plans.py checks the plans).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.auth.services import register_user  # noqa: E402
from app.classes.models import Membership  # noqa: E402
from app.classes.services import create_class  # noqa: E402
from app.extensions import db  # noqa: E402
from app.forum import notifications, threads  # noqa: E402
from app.forum.models import Forum, Notification, Post, ReadState, Thread  # noqa: E402

#: The indexes the migration added or widened, and how they were before.
NEW = {"ix_notification_user_newest": None, "ix_post_thread_new": None,
       "ix_thread_forum_order": "CREATE INDEX ix_thread_forum_order ON thread (forum_id, pinned, last_post_at)"}


def build(n_notifications: int, n_threads: int):
    reader = register_user("reader@example.com", "Rita Reader", "bench-password-1")
    writer = register_user("writer@example.com", "Walt Writer", "bench-password-1")
    classroom = create_class(writer, "Bench class")
    db.session.flush()
    db.session.add(Membership(classroom_id=classroom.id, user_id=reader.id, role="student"))
    forum = db.session.scalar(select(Forum).where(Forum.classroom_id == classroom.id))
    start = datetime(2026, 1, 1)
    db.session.execute(insert(Thread), [
        {"id": t, "classroom_id": classroom.id, "forum_id": forum.id, "author_id": writer.id, "title": f"Thread {t}",
         "pinned": t % 50 == 0, "reply_count": 19, "created_at": start, "last_post_at": start + timedelta(minutes=t)}
        for t in range(1, n_threads + 2)])
    posts, pid = [], 0
    for t in range(1, n_threads + 2):
        for n in range(2000 if t == n_threads + 1 else 20):
            pid += 1
            posts.append({"id": pid, "thread_id": t, "classroom_id": classroom.id, "parent_id": None if n == 0 else pid - n,
                          "root_id": None if n == 0 else pid, "depth": 0 if n == 0 else 1,
                          "author_id": writer.id if n % 3 else reader.id, "source": "words", "html": "<p>words</p>", "word_count": 1})
    for chunk in range(0, len(posts), 5000):
        db.session.execute(insert(Post), posts[chunk:chunk + 5000])
    db.session.execute(insert(ReadState), [
        {"user_id": reader.id, "thread_id": t, "last_read_post_id": (t - 1) * 20 + 10} for t in range(1, n_threads + 2, 2)])
    for user in (reader, writer):
        db.session.execute(insert(Notification), [
            {"user_id": user.id, "kind": "reply", "post_id": 1 + n % pid, "actor_id": writer.id, "created_at": start,
             "read_at": start if n % 4 else None} for n in range(n_notifications)])
    if db.engine.dialect.name == "postgresql":
        for table in ("thread", "post"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    big = db.session.get(Thread, n_threads + 1)
    return reader, classroom, forum, big


@contextmanager
def fresh_app(database: str = ""):
    """In an app context on a new database with the whole schema: a temporary SQLite file, or
    the PostgreSQL ``database`` with its public schema dropped and made again."""
    uri = database or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": uri, "SECRET_KEY": "bench"})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        db.create_all()
        yield app


def best_ms(call, repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
        db.session.rollback()
    return min(times) * 1000


def show_plans(reader, classroom, forum, big) -> None:
    """Print the plan of each query (``--plans``)."""
    from tests.test_query_plans import plans

    for name, call in calls(reader, classroom, forum, big).items():
        print(f"-- {name}")
        for plan in plans(call):
            print(plan)


def calls(reader, classroom, forum, big) -> dict:
    user_id = reader.id
    return {
        "notifications page (newest 50)": lambda: notifications.recent(user_id),
        "notification bell (unread count)": lambda: notifications.unread_count(user_id),
        "forum page (threads, new posts)": lambda: threads.thread_list(forum, reader),
        "forums page (new posts per forum)": lambda: threads.class_forums(classroom, reader),
        "first new post (2,000-post thread)": lambda: threads.first_new_post(big, reader),
    }


def measure(reader, classroom, forum, big) -> dict[str, float]:
    return {name: best_ms(call) for name, call in calls(reader, classroom, forum, big).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="")
    parser.add_argument("--notifications", type=int, default=10000)
    parser.add_argument("--threads", type=int, default=500)
    parser.add_argument("--plans", action="store_true", help="print the query plans too")
    args = parser.parse_args()
    with fresh_app(args.database):
        people = build(args.notifications, args.threads)
        for thing in people:
            db.session.refresh(thing)
        posts = db.session.scalar(select(func.count(Post.id)))
        print(f"{db.engine.dialect.name}: {args.notifications:,} notifications for the reader, "
              f"{args.threads + 1:,} threads, {posts:,} posts; best of 20, ms")
        with_indexes = measure(*people)
        if args.plans:
            show_plans(*people)
        for name, before in NEW.items():
            db.session.execute(text(f"DROP INDEX {name}"))
            if before:
                db.session.execute(text(before))
        db.session.commit()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        for thing in people:
            db.session.refresh(thing)
        without = measure(*people)
        if args.plans:
            show_plans(*people)
        width = max(map(len, with_indexes))
        print(f"{'query':{width}}  without   with")
        for name, value in with_indexes.items():
            print(f"{name:{width}}  {without[name]:7.2f}  {value:5.2f}")


if __name__ == "__main__":
    main()
