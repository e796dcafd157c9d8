"""Benchmark: what each main page costs as the archive grows (issue 18).

    .venv/bin/python bench/scale.py [--database URL] [--sets small,big,district] [--repeat 5]

Builds three data sets, each in a new database (a temporary SQLite file, or the
PostgreSQL database given: its public schema is dropped and made again), with the app's
own services for classes and discussions and bulk inserts for the rest:

- small class: 1 class, 20 students, about 1,000 posts;
- 20k-post class: 1 class, 200 students, 20,000 posts;
- district: 200 classes of 30 students (6,000), 300,000 posts.

Each measured class shows the same pages: 5 discussions of 2 topics with a reflection
each, General discussion with 30 threads, a teacher and a student who read half the
threads, and a student with 100 (small class) or 10,000 notifications. Every page is
loaded in-process through the test client, as the class's teacher or a student: the best
of ``--repeat`` times in ms, and the number of SQL statements. It prints a table per
data set and the ratio of the 20k-post class to the small one; it asserts nothing.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert, select, text  # noqa: E402

from app import clock, create_app  # noqa: E402
from app.auth.models import User  # noqa: E402
from app.auth.services import register_user  # noqa: E402
from app.classes.models import Membership, Role  # noqa: E402
from app.classes.services import create_class  # noqa: E402
from app.extensions import db  # noqa: E402
from app.forum.models import Forum, Notification, Post, ReadState, Thread  # noqa: E402
from app.prompts import services as prompts  # noqa: E402
from app.prompts.models import Topic  # noqa: E402
from app.reflections import services as reflections  # noqa: E402
from app.reflections.models import Assignment, Grade, Reflection  # noqa: E402

PASSWORD = "bench-password-1"
SETS = {
    "small": {"title": "small class", "classes": 1, "students": 20, "posts": 1_000, "notifications": 100},
    "big": {"title": "20k-post class", "classes": 1, "students": 200, "posts": 20_000, "notifications": 10_000},
    "district": {"title": "district", "classes": 200, "students": 30, "posts": 1_500, "notifications": 10_000},
}
TEXTS = ["I think practising every day helps me most, because I forget words quickly.",
         "In my country we discussed this at school. I agree with you about the colour of the city.",
         "Could you explain what you mean? I did not understand the second part.",
         "My favourite way to practise is to talk with my friends online in the evening."]
RUBRIC = [{"name": "Ideas", "levels": [{"points": 3, "text": "Clear"}, {"points": 1, "text": "Some"}]}]


class Builder:
    """Bulk rows for one database; ids come from counters (no round trips per row)."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.hash = register_user("first@example.com", "First Person", PASSWORD, email_confirmed=True).password_hash
        db.session.flush()
        self.next_user = 2
        self.next_post = 1
        self.next_thread = 1

    def users(self, n: int, label: str) -> list[int]:
        ids = list(range(self.next_user, self.next_user + n))
        self.next_user += n
        now = clock.now()
        db.session.execute(insert(User), [
            {"id": i, "email": f"{label}{i}@example.com", "display_name": f"{label.title()} {i}", "password_hash": self.hash,
             "created_at": now, "email_confirmed_at": now} for i in ids])
        return ids

    def a_class(self, number: int, students: int, posts: int, notifications: int) -> dict:
        (teacher_id,) = self.users(1, "teacher")
        teacher = db.session.get(User, teacher_id)
        classroom = create_class(teacher, f"Class {number}")
        db.session.flush()
        student_ids = self.users(students, "student")
        db.session.execute(insert(Membership), [
            {"classroom_id": classroom.id, "user_id": s, "role": Role.STUDENT} for s in student_ids])
        now = clock.now()
        for p in range(5):
            prompt = prompts.create_prompt(classroom, teacher, {
                "title": f"Discussion {p + 1}", "instructions": "Choose one topic.", "starters": "",
                "time_zone": "UTC", "opens_at": now - timedelta(days=10), "closes_at": now + timedelta(days=3),
                "min_words_first": 10, "replies_required": 2, "min_words_reply": 5},
                [prompts.TopicInput(None, f"Topic {p + 1}a", ""), prompts.TopicInput(None, f"Topic {p + 1}b", "")])
            prompts.publish(prompt)
            reflections.save_prompt_settings(prompt, reflections.Settings("Sum up.", None, now + timedelta(days=5), 20,
                                                                          3, RUBRIC))
        db.session.flush()
        general = db.session.scalar(select(Forum).where(Forum.classroom_id == classroom.id).order_by(Forum.id))
        first_thread = self.next_thread = max(self.next_thread, (db.session.scalar(select(Thread.id).order_by(
            Thread.id.desc()).limit(1)) or 0) + 1)
        db.session.execute(insert(Thread), [
            {"id": first_thread + t, "classroom_id": classroom.id, "forum_id": general.id, "author_id": teacher_id,
             "title": f"Thread {t + 1}", "created_at": now, "last_post_at": now + timedelta(seconds=t)}
            for t in range(30)])
        self.next_thread += 30
        thread_ids = [t for (t,) in db.session.execute(select(Thread.id).where(Thread.classroom_id == classroom.id))]
        self.posts(classroom.id, thread_ids, [teacher_id, *student_ids], posts)
        reader = student_ids[0]
        db.session.execute(insert(ReadState), [
            {"user_id": u, "thread_id": t, "last_read_post_id": self.next_post // 2}
            for u in (teacher_id, reader) for t in thread_ids[::2]])
        self.reflections(classroom.id, student_ids, teacher_id)
        some_post = db.session.scalar(select(Post.id).where(Post.classroom_id == classroom.id).limit(1))
        if notifications:  # an empty list would insert one row of defaults
            db.session.execute(insert(Notification), [
                {"user_id": reader, "kind": "reply", "post_id": some_post, "actor_id": teacher_id, "created_at": now,
                 "read_at": None if n % 3 else now} for n in range(notifications)])
        return {"class_id": classroom.id, "teacher": f"teacher{teacher_id}@example.com",
                "student": f"student{reader}@example.com", "general": general.id, "prompt": db.session.scalar(
                    select(Topic.prompt_id).join(Thread, Thread.id == Topic.thread_id)
                    .where(Thread.classroom_id == classroom.id).limit(1)),
                "thread": thread_ids[0], "student_id": reader}

    def posts(self, classroom_id: int, thread_ids: list[int], authors: list[int], count: int) -> None:
        """An opening post per thread that has none, then ``count`` replies spread over the threads."""
        have = {t for (t,) in db.session.execute(select(Post.thread_id).where(Post.thread_id.in_(thread_ids)))}
        start = max(self.next_post, (db.session.scalar(select(Post.id).order_by(Post.id.desc()).limit(1)) or 0) + 1)
        rows, openings, now = [], {}, clock.now()
        pid = start
        for t in thread_ids:
            if t not in have:
                rows.append(self._post(pid, t, classroom_id, None, None, 0, authors[0], now))
                pid += 1
        for (t, opening) in db.session.execute(select(Post.thread_id, Post.id).where(Post.depth == 0,
                                                                                     Post.thread_id.in_(thread_ids))):
            openings[t] = opening
        for r in rows:
            openings[r["thread_id"]] = r["id"]
        recent: dict[int, list[tuple[int, int, int]]] = {t: [] for t in thread_ids}
        for n in range(count):
            t = thread_ids[n % len(thread_ids)]
            if not recent[t] or self.rng.random() < 0.4:
                parent, depth, root = openings[t], 1, pid
            else:
                parent, pdepth, root = self.rng.choice(recent[t][-10:])
                depth = pdepth + 1
            rows.append(self._post(pid, t, classroom_id, parent, root, depth, self.rng.choice(authors), now))
            recent[t].append((pid, depth, root))
            pid += 1
        for chunk in range(0, len(rows), 5000):
            db.session.execute(insert(Post), rows[chunk:chunk + 5000])
        self.next_post = pid

    def _post(self, pid, thread_id, classroom_id, parent, root, depth, author, now) -> dict:
        source = self.rng.choice(TEXTS)
        return {"id": pid, "thread_id": thread_id, "classroom_id": classroom_id, "parent_id": parent, "root_id": root,
                "depth": depth, "author_id": author, "source": source, "html": f"<p>{source}</p>",
                "word_count": len(source.split()), "created_at": now}

    def reflections(self, classroom_id: int, student_ids: list[int], teacher_id: int) -> None:
        """A handed-in reflection from every other student for every assignment, graded and released."""
        now = clock.now()
        assignments = list(db.session.scalars(select(Assignment.id).where(Assignment.classroom_id == classroom_id)))
        pairs = [(a, s) for a in assignments for s in student_ids[::2]]
        db.session.execute(insert(Reflection), [
            {"assignment_id": a, "classroom_id": classroom_id, "student_id": s, "source": TEXTS[0],
             "html": f"<p>{TEXTS[0]}</p>", "words": 14, "saved_at": now, "submitted_at": now} for a, s in pairs])
        db.session.execute(insert(Grade), [
            {"assignment_id": a, "classroom_id": classroom_id, "student_id": s, "grader_id": teacher_id,
             "levels": {"Ideas": 3}, "score": 3, "complete": True, "saved_at": now, "released_at": now}
            for a, s in pairs])


def build(spec: dict) -> dict:
    builder = Builder()
    measured = None
    for number in range(spec["classes"]):
        one = builder.a_class(number + 1, spec["students"], spec["posts"],
                              spec["notifications"] if number == 0 else 0)
        measured = measured or one
        db.session.commit()
    from app.search.index import reindex_all

    reindex_all(db.session.connection())  # the bulk inserts bypassed the index's listener
    if db.engine.dialect.name == "postgresql":
        for table in ("user", "thread", "post"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                                    f"(SELECT max(id) FROM \"{table}\"))"))
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return measured


def pages(m: dict) -> list[tuple[str, str, str]]:
    """(name, who, path) of the pages measured."""
    c = f"/classes/{m['class_id']}"
    return [
        ("class home, teacher", "teacher", c + "/"),
        ("class home, student", "student", c + "/"),
        ("forums list", "student", c + "/forums"),
        ("forum page (30 threads)", "student", f"{c}/forums/{m['general']}"),
        ("thread page", "student", f"{c}/threads/{m['thread']}"),
        ("discussion page", "student", f"{c}/prompts/{m['prompt']}"),
        ("participation", "teacher", f"{c}/prompts/{m['prompt']}/participation"),
        ("search, common word", "student", c + "/search?q=practise"),
        ("gradebook", "teacher", c + "/gradebook"),
        ("gradebook CSV", "teacher", c + "/gradebook.csv"),
        ("my grades", "student", c + "/grades"),
        ("notifications", "student", "/notifications"),
    ]


def log_in(app, email: str):
    client = app.test_client()
    page = client.get("/account/login").get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    token = match.group(1) if match else ""  # the testing config may not ask for one
    response = client.post("/account/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, f"could not log in as {email}"
    return client


def measure(app, engine, m: dict, repeat: int) -> dict[str, tuple[float, int, int]]:
    """Page name -> (best ms, SQL statements, HTTP status). Outside any app context, as a
    server runs: each request has its own context and database session."""
    clients = {"teacher": log_in(app, m["teacher"]), "student": log_in(app, m["student"])}
    counted = []
    listener = lambda *args: counted.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    found = {}
    try:
        for name, who, path in pages(m):
            times, status = [], 0
            for _ in range(repeat + 1):
                counted.clear()
                t0 = time.perf_counter()
                status = clients[who].get(path).status_code
                times.append(time.perf_counter() - t0)
            found[name] = (min(times[1:]) * 1000, len(counted), status)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return found


def run(uri: str, key: str, repeat: int) -> dict:
    spec = SETS[key]
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": uri, "SECRET_KEY": "bench",
                      "RATELIMIT_ENABLED": False, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        db.create_all()
        started = time.perf_counter()
        measured = build(spec)
        posts = db.session.scalar(select(db.func.count(Post.id)))
        print(f"\n{db.engine.dialect.name}, {spec['title']}: {spec['classes']} class(es), "
              f"{spec['classes'] * spec['students']:,} students, {posts:,} posts "
              f"(built in {time.perf_counter() - started:.0f} s)")
        db.session.remove()
        engine = db.engine
    result = measure(app, engine, measured, repeat)
    for name, (ms, queries, status) in result.items():
        print(f"  {name:<26} {ms:8.1f} ms {queries:4d} queries  HTTP {status}")
    engine.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="", help="a PostgreSQL URL (its public schema is dropped)")
    parser.add_argument("--sets", default="small,big,district")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = {}
    for key in args.sets.split(","):
        uri = args.database or f"sqlite:///{tempfile.mkdtemp()}/scale.db"
        results[key] = run(uri, key, args.repeat)
    if "small" in results and "big" in results:
        print("\n20k-post class / small class (target <= 1.5):")
        for name, (ms, _, _) in results["small"].items():
            print(f"  {name:<26} {results['big'][name][0] / ms:5.2f}")


if __name__ == "__main__":
    main()
