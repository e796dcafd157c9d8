"""Benchmark: the hourly digest for a class of 200 students, and for a district of 20,000 users.

    .venv/bin/python bench/digest.py [--district 20000] [--class-size 200] [--batch 200]
    DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/digest.py   # an empty scratch database

Builds the data with bulk inserts (every user confirmed and due for a weekly digest; per
class 4 threads, each with a reply by half the class and answers to some of them), then
runs ``digest.run`` as the hourly task does and prints users per second, e-mails written
and the queries of each batch (the same for every batch, whatever the data: the digest
costs a fixed number of queries per batch, not per user). Prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NOW = datetime(2026, 12, 2, 9, 0)


def build(db, classes: int, size: int, offset: int) -> None:
    """``classes`` classes of ``size`` students and a teacher, with threads and replies (bulk inserts)."""
    from sqlalchemy import insert, select

    from app.auth.models import User
    from app.classes.models import Classroom, Membership
    from app.forum.models import Forum, Post, Thread, ThreadFollow

    since = NOW - timedelta(days=3)
    users = [{"email": f"u{offset + n}@example.com", "display_name": f"User {offset + n}", "password_hash": "x",
              "email_confirmed_at": since - timedelta(days=30), "created_at": since - timedelta(days=30)}
             for n in range(classes * (size + 1))]
    db.session.execute(insert(User), users)
    ids = list(db.session.scalars(select(User.id).where(User.email.like("u%")).order_by(User.id)))[-len(users):]
    for c in range(classes):
        members = ids[c * (size + 1):(c + 1) * (size + 1)]
        teacher, students = members[0], members[1:]
        room = Classroom(name=f"Class {offset + c}", join_code=f"{offset + c:08d}"[-8:])
        db.session.add(room)
        db.session.flush()
        db.session.execute(insert(Membership), [{"classroom_id": room.id, "user_id": u, "role": "student"}
                                                for u in students] + [{"classroom_id": room.id, "user_id": teacher,
                                                                       "role": "teacher"}])
        forum = Forum(classroom_id=room.id, title="General discussion")
        db.session.add(forum)
        db.session.flush()
        for t in range(4):
            thread = Thread(classroom_id=room.id, forum_id=forum.id, author_id=teacher, title=f"Topic {t}",
                            created_at=since, last_post_at=since)
            db.session.add(thread)
            db.session.flush()
            opening = Post(thread_id=thread.id, classroom_id=room.id, author_id=teacher, depth=0,
                           source="What do you think?", html="<p>What do you think?</p>", created_at=since)
            db.session.add(opening)
            db.session.flush()
            writers = students[t::2][: size // 2]
            db.session.execute(insert(Post), [
                {"thread_id": thread.id, "classroom_id": room.id, "parent_id": opening.id, "depth": 1,
                 "author_id": u, "source": "I think so.", "html": "<p>I think <em>so</em>.</p>",
                 "created_at": since + timedelta(minutes=i)} for i, u in enumerate(writers)])
            db.session.execute(insert(ThreadFollow), [{"user_id": u, "thread_id": thread.id, "active": True}
                                                      for u in writers])
            firsts = list(db.session.execute(select(Post.id, Post.author_id).where(Post.thread_id == thread.id,
                                                                                  Post.depth == 1)))[:20]
            db.session.execute(insert(Post), [
                {"thread_id": thread.id, "classroom_id": room.id, "parent_id": pid, "depth": 2, "root_id": pid,
                 "author_id": writers[(i + 1) % len(writers)], "source": "Why?", "html": "<p>Why?</p>",
                 "created_at": since + timedelta(hours=1, minutes=i)} for i, (pid, _) in enumerate(firsts)])
    db.session.commit()


def measure(app, db, label: str, batch: int) -> None:
    from sqlalchemy import event

    from app import unit_of_work
    from app.notify import digest

    counts: list[int] = []
    current = [0]

    def before(*_args):
        current[0] += 1

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", before)
        started, users, emails, after = time.perf_counter(), 0, 0, 0
        while True:
            current[0] = 0
            with unit_of_work.job():
                n, written, after = digest.run_batch(NOW, after, batch)
            if n:
                counts.append(current[0])
            users, emails = users + n, emails + written
            if n < batch:
                break
        seconds = time.perf_counter() - started
        event.remove(db.engine, "before_cursor_execute", before)
    print(f"{label}: {users} users in {seconds:.2f} s: {users / seconds:.0f} users/s; {emails} e-mails; "
          f"{len(counts)} batches of up to {batch}; queries per batch: {sorted(set(counts))}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--district", type=int, default=20_000)
    parser.add_argument("--class-size", type=int, default=200)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="roundtable-bench-digest-"))
    os.environ.setdefault("ROUNDTABLE_INSTANCE", str(folder))
    os.environ["HUEY_SQLITE_PATH"] = str(folder / "huey.db")

    from app import clock, create_app
    from app.extensions import db
    from app.worker import huey

    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.db'}"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    huey.immediate = True  # nothing to send here: the outbox is only written
    clock.freeze(NOW)
    from app.mail import messages

    messages.wake_worker = lambda: None  # measure the digest, not the sending
    with app.app_context():
        db.create_all()
        build(db, 1, args.class_size, 0)
    measure(app, db, f"one class of {args.class_size} students", args.batch)
    with app.app_context():
        classes = max(args.district // (args.class_size + 1), 1)
        build(db, classes, args.class_size, 1_000_000)
    with app.app_context():
        from sqlalchemy import update

        from app.notify.models import DigestChoice

        db.session.execute(update(DigestChoice).values(last_digest_at=None))  # the first class is due again
        db.session.commit()
    measure(app, db, f"a district of {classes * (args.class_size + 1) + args.class_size + 1} users", args.batch)
    if "DATABASE_URL" in os.environ:
        with app.app_context():
            db.drop_all()


if __name__ == "__main__":
    main()
