"""The list pages' main queries are served by indexes, on SQLite and PostgreSQL (issue 13.1).

Plans, not timings: each query is taken from the function the page calls and explained
(``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN`` on PostgreSQL). A test's tables are tiny, so
PostgreSQL is told to avoid sequential scans and sorts whenever an index can do the work
(``enable_seqscan``/``enable_sort`` off): a sort or a scan that is still there means no
index can. ``bench/list_pages.py`` shows what the plans cost with many rows.
"""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event, insert

from app import clock
from app.extensions import db
from app.forum import notifications, threads
from app.forum.models import Forum, Notification
from tests.conftest import add_member
from tests.forum.factories import reply, start


@contextmanager
def recorded():
    """The SELECT statements run inside the block, with their parameters."""
    statements: list[tuple[str, object]] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def plan_of(statement: str, parameters) -> str:
    """The database's plan for the statement, one step a line."""
    connection = db.session.connection()
    raw = connection.connection.driver_connection
    if connection.dialect.name == "sqlite":
        return "\n".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters))
    with raw.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + statement, parameters)
        return "\n".join(row[0] for row in cursor.fetchall())


def plans(call) -> list[str]:
    """The plans of the SELECTs ``call()`` runs (load what it reads first: objects expire on commit)."""
    with recorded() as statements:
        call()
    return [plan_of(s, p) for s, p in statements]


#: Each thread's posts after the read mark, not by me: a range of an index that holds the author
#: (PostgreSQL reads it with an index-only or a bitmap scan, as its statistics say).
NEW_POSTS_RANGE = (r"post USING COVERING INDEX ix_post_thread_new \(thread_id=\? AND id>\?\)"
                   r"|ix_post_thread_new\b.*\n\s*Index Cond: \(\(thread_id = \S+\) AND \(id > ")


def sorts(plan: str) -> bool:
    """The plan sorts rows itself (instead of reading them in order from an index)."""
    return bool(re.search(r"USE TEMP B-TREE FOR ORDER BY|Sort Key", plan))


@pytest.fixture
def busy(app, world, make_user):
    """Two threads with replies, read marks and notifications for the student."""
    other = make_user("Olive Other")
    add_member(world.classroom, other)
    started = [start(world.classroom, world.teacher, title) for title in ("One", "Two")]
    for thread, first in started:
        for n in range(3):
            reply(first, other, f"@{world.student.display_name} reply {n}")
        threads.thread_page(thread, world.student)
    db.session.execute(insert(Notification), [
        {"user_id": world.teacher.id, "kind": "reply", "post_id": started[0][1].id, "actor_id": other.id,
         "created_at": clock.now()} for _ in range(5)])
    db.session.commit()
    forum = db.session.get(Forum, started[0][0].forum_id)
    for thing in (forum, world.student, world.teacher, world.classroom, *(t for t, _ in started)):
        db.session.refresh(thing)
    return forum, started


def test_notifications_come_newest_first_from_the_index(busy, world):
    """The page's ``ORDER BY id DESC LIMIT 50`` over one user's notifications: the (user_id,
    read_at) index alone made SQLite sort all of them (4.6 ms at 100, 32 ms at 10,000)."""
    (plan,) = plans(lambda: notifications.recent(world.student.id))
    assert not sorts(plan), plan
    assert re.search(r"notification USING (COVERING )?INDEX ix_notification_user_newest \(user_id=\?\)"
                     r"|Index Cond: \(user_id = ", plan), plan


def test_unread_count_reads_only_the_index(busy, world):
    (plan,) = plans(lambda: notifications.unread_count(world.student.id))
    assert re.search(r"COVERING INDEX ix_notification_user_read|Index Only Scan using ix_notification_user_read",
                     plan), plan


def test_thread_list_is_read_in_order_and_counts_new_posts_from_an_index(busy, world):
    """The forum page: threads in the index's order, and each thread's new posts counted
    from an index that holds the author too (no visit to the post rows)."""
    forum, _ = busy
    count, plan = plans(lambda: threads.thread_list(forum, world.student))
    assert not sorts(plan), plan
    assert re.search(NEW_POSTS_RANGE, plan), plan


def test_forum_summaries_count_new_posts_from_an_index(busy, world):
    """The forums page: new posts per forum, thread by thread from the same index (a join of
    threads, posts and read marks read every post of the forum)."""
    (plan,) = plans(lambda: threads.class_forums(world.classroom, world.student))
    assert re.search(NEW_POSTS_RANGE, plan), plan


def test_first_new_post_is_found_without_sorting_the_thread(busy, world):
    _, started = busy
    reply(started[0][1], world.teacher, "A new one")
    db.session.refresh(started[0][0])
    db.session.refresh(world.student)
    (plan,) = plans(lambda: threads.first_new_post(started[0][0], world.student))
    assert not sorts(plan), plan


def test_search_starts_from_the_full_text_index(world):
    """The search's count and page start from the full-text index (FTS5 / the GIN index on the
    tsvector), never from all the class's documents with the match tested on each."""
    from app.search import queries

    _, first = start(world.classroom, world.teacher, "Skype", "I practise on Skype.")
    reply(first, world.student, "Skype practice again.")
    db.session.commit()
    student = world.student
    found = plans(lambda: queries.search(world.classroom.id, "skype practice", student, False))
    searching = [p for p in found if "search_fts" in p or "search_document" in p]
    assert len(searching) == 2, found  # the count and the page
    for plan in searching:
        if db.engine.dialect.name == "sqlite":
            first_step = plan.splitlines()[0 if "CO-ROUTINE" not in plan else 1]
            assert "search_fts VIRTUAL TABLE" in first_step, plan
        else:
            # Tiny tables: PostgreSQL may pick either index; the match is on the expression the GIN
            # index holds (so it can serve it; bench/search.py shows it does on 20,000 posts).
            assert "(setweight(to_tsvector('simple'::regconfig, title_terms), 'A'::\"char\") || " \
                   "to_tsvector('simple'::regconfig, body_terms)) @@" in plan, plan
