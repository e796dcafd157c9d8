"""Benchmark: a search in a small class and in a 20,000-post class, for the same 20 results (issue 18).

    .venv/bin/python bench/search.py [--database URL] [--small 1000] [--big 20000]

Builds two classes in a new database (a temporary SQLite file, or the PostgreSQL database
given: its public schema is dropped and made again) with bulk inserts: threads of 20
posts of everyday sentences, a "post first" discussion, and in each class the same 20
posts about practising on Skype. The index is filled the way ``flask search-reindex``
fills it. Then it times, best of 20, one page of results for a student (the reading
rules in the query) for "skype practice" (the same 20 results in both classes), its
"Newest first", and a common word (thousands of matches, counted up to 1,000), and a
misspelt word ("Did you mean"). It prints the figures and the ratio big/small; the
target is at most 2× for the same 20 results.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from list_pages import best_ms, fresh_app  # noqa: E402  (bench/ is the script's folder)
from sqlalchemy import func, insert, select, text  # noqa: E402

from app.auth.services import register_user  # noqa: E402
from app.classes.models import Membership  # noqa: E402
from app.classes.services import create_class  # noqa: E402
from app.extensions import db  # noqa: E402
from app.forum.models import Forum, Post, Thread  # noqa: E402
from app.search import index, queries  # noqa: E402

SENTENCES = [
    "I like to read English books with my friends at home.", "We watched a film about a big city last weekend.",
    "My teacher says that listening every day helps a lot.", "Do you cook dinner for your family on Sundays?",
    "The bus was late again, so I walked to school.", "I think online lessons are useful but a bit tiring.",
    "My favourite colour is green because of the forest.", "We talked about holidays, music and sport in class.",
    "Learning new words is easier with a small notebook.", "Yesterday it rained all day and we stayed inside.",
]
TARGET = "I practise speaking on Skype with my cousin every {} evening."


def build_class(teacher, student, name: str, n_posts: int, first_id: int, start: datetime) -> tuple[int, int]:
    """A class of ``n_posts`` posts (20 of them about Skype), inserted in bulk; (class id, next post id)."""
    classroom = create_class(teacher, name)
    db.session.flush()
    db.session.add(Membership(classroom_id=classroom.id, user_id=student.id, role="student"))
    forum = db.session.scalar(select(Forum).where(Forum.classroom_id == classroom.id))
    rng = random.Random(name)
    n_threads = max(1, n_posts // 20)
    thread_ids = []
    for t in range(n_threads):
        thread = Thread(classroom_id=classroom.id, forum_id=forum.id, author_id=teacher.id, title=f"Topic {t}",
                        reply_count=19, created_at=start, last_post_at=start)
        db.session.add(thread)
        thread_ids.append(thread)
    db.session.flush()
    targets = set(rng.sample(range(n_posts), 20))
    rows, pid = [], first_id
    for n in range(n_posts):
        thread = thread_ids[n // 20]
        depth = 0 if n % 20 == 0 else 1
        body = TARGET.format(n) if n in targets else " ".join(rng.sample(SENTENCES, 2))
        rows.append({"id": pid, "thread_id": thread.id, "classroom_id": classroom.id,
                     "parent_id": None if depth == 0 else pid - n % 20, "root_id": None if depth == 0 else pid,
                     "depth": depth, "author_id": student.id if n % 2 else teacher.id, "source": body,
                     "html": f"<p>{body}</p>", "created_at": start + timedelta(seconds=n)})
        pid += 1
    for chunk in range(0, len(rows), 5000):
        db.session.execute(insert(Post), rows[chunk:chunk + 5000])
    return classroom.id, pid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="")
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--big", type=int, default=20000)
    args = parser.parse_args()
    with fresh_app(args.database):
        teacher = register_user("teacher@example.com", "Tess Teacher", "bench-password-1")
        student = register_user("student@example.com", "Sam Student", "bench-password-1")
        start = datetime(2026, 1, 1)
        small, next_id = build_class(teacher, student, "Small class", args.small, 1, start)
        big, next_id = build_class(teacher, student, "Big class", args.big, next_id, start)
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("SELECT setval(pg_get_serial_sequence('post', 'id'), (SELECT max(id) FROM post))"))
        t0 = time.perf_counter()
        written = index.reindex_all(db.session.connection())
        indexed = time.perf_counter() - t0
        db.session.commit()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        posts = db.session.scalar(select(func.count(Post.id)))
        print(f"{db.engine.dialect.name}: {posts:,} posts ({args.small:,} + {args.big:,}), "
              f"{written:,} rows indexed in {indexed:.1f} s; a student's search, best of 20, ms")
        cases = {"skype practice (the same 20)": ("skype practice", "relevance"),
                 "skype practice, newest first": ("skype practice", "newest"),
                 "common word: english": ("english", "relevance"),
                 "misspelt: skipe practise": ("skipe practise", "relevance")}
        print(f"{'search':34} {'small':>8} {'big':>8} {'big/small':>10}")
        for name, (q, order) in cases.items():
            found = [len(queries.search(c, q, student, False, 1, order).hits) for c in (small, big)]
            times = [best_ms(lambda c=c, q=q, order=order: queries.search(c, q, student, False, 1, order))
                     for c in (small, big)]
            print(f"{name:34} {times[0]:8.1f} {times[1]:8.1f} {times[1] / times[0]:9.2f}×  ({found[0]}/{found[1]} shown)")


if __name__ == "__main__":
    main()
