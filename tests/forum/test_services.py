"""Forum services: tree, pages, counters, unread marks, notifications, mentions."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.forum import notifications, posts, threads
from app.forum.models import Forum, HelpfulMark, Notification, Post, PostRevision, ReadState, Thread
from tests.conftest import add_member, count_queries
from tests.forum.factories import bulk_posts, reply, start


def test_a_new_class_gets_general_discussion(app, make_class):
    classroom = make_class()
    titles = db.session.scalars(select(Forum.title).where(Forum.classroom_id == classroom.id)).all()
    assert titles == ["General discussion"]


def test_tree_is_depth_first_and_deep_replies_stay_at_level_four(app, world):
    thread, first = start(world.classroom, world.teacher)
    a = reply(first, world.student, "a")
    b = reply(first, world.teacher, "b")
    chain = [a]
    for i in range(5):
        chain.append(reply(chain[-1], world.student if i % 2 else world.teacher, f"deep {i}"))
    a2 = reply(a, world.teacher, "a2")
    view = threads.thread_page(thread, world.student)
    order = [n.post.id for n in view.nodes]
    assert order == [a.id] + [p.id for p in chain[1:]] + [a2.id, b.id]
    levels = {n.post.id: n.level for n in view.nodes}
    assert [levels[p.id] for p in chain] == [1, 2, 3, 4, 4, 4]
    deep = {n.post.id: n.replying_to for n in view.nodes}
    assert deep[chain[4].id] == "Tess Teacher" and deep[chain[5].id] == "Sam Student"
    assert deep[chain[3].id] is None


def test_pages_hold_whole_conversations(app_factory):
    app_factory(POSTS_PER_PAGE=2)
    from tests.conftest import World

    world = World()
    thread, first = start(world.classroom, world.teacher)
    roots = [reply(first, world.student, f"root {i}") for i in range(3)]
    late = reply(roots[0], world.teacher, "a late answer to the first reply")
    assert threads.page_of(late) == 1 and threads.page_of(roots[2]) == 2
    page1 = threads.thread_page(thread, world.teacher, 1)
    page2 = threads.thread_page(thread, world.teacher, 2)
    assert [n.post.id for n in page1.nodes] == [roots[0].id, late.id, roots[1].id]
    assert [n.post.id for n in page2.nodes] == [roots[2].id]
    assert page1.pages == 2 and page2.opening is not None


def test_counters_change_in_sql(app, world, make_user):
    thread, first = start(world.classroom, world.teacher)
    r = reply(first, world.student)
    reply(r, world.teacher)
    db.session.expire_all()
    assert db.session.get(Thread, thread.id).reply_count == 2
    other = make_user("Other")
    add_member(world.classroom, other)
    assert posts.mark_helpful(r, world.teacher) is True
    assert posts.mark_helpful(r, world.teacher) is False  # once per person
    assert posts.mark_helpful(r, other) is True
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Post, r.id).helpful_count == 2
    assert posts.unmark_helpful(r, other) is True
    assert posts.unmark_helpful(r, other) is False
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Post, r.id).helpful_count == 1
    assert db.session.scalar(select(func.count()).select_from(HelpfulMark)) == 1


def test_counter_update_is_an_sql_expression(app, world):
    thread, first = start(world.classroom, world.teacher)
    with count_queries(app) as q:
        reply(first, world.student)
    updates = [s for s in q.queries if s.lstrip().upper().startswith("UPDATE THREAD")]
    assert updates and "reply_count + " in updates[0].replace('"', "")


def test_unread_counts_and_the_read_mark(app, world):
    thread, first = start(world.classroom, world.teacher)
    reply(first, world.student, "one")
    reply(first, world.student, "two")
    forum = db.session.get(Forum, thread.forum_id)
    rows, _ = threads.thread_list(forum, world.teacher)
    assert rows[0].new_posts == 2  # my own post is never new for me
    assert threads.class_forums(world.classroom, world.teacher)[0].new_posts == 2
    view = threads.thread_page(thread, world.teacher)
    assert [n.new for n in view.nodes] == [True, True] and not view.opening.new
    db.session.commit()
    assert db.session.scalar(select(ReadState.last_read_post_id)) == max(n.post.id for n in view.nodes)
    rows, _ = threads.thread_list(forum, world.teacher)
    assert rows[0].new_posts == 0
    with count_queries(app) as q:
        threads.thread_page(thread, world.teacher)
    assert not [s for s in q.queries if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    newer = reply(first, world.student, "three")
    assert threads.first_new_post(thread, world.teacher).id == newer.id


def test_read_mark_never_skips_a_post_on_another_page(app_factory):
    app_factory(POSTS_PER_PAGE=1)
    from tests.conftest import World

    world = World()
    thread, first = start(world.classroom, world.teacher)
    r1 = reply(first, world.student, "first")
    r2 = reply(first, world.student, "second")  # page 2
    late = reply(r1, world.student, "late, on page 1")
    threads.thread_page(thread, world.teacher, 1)
    db.session.commit()
    assert db.session.scalar(select(ReadState.last_read_post_id)) == r2.id - 1
    assert threads.first_new_post(thread, world.teacher).id == r2.id
    view = threads.thread_page(thread, world.teacher, 2)
    db.session.commit()
    assert view.nodes[0].new and db.session.scalar(select(ReadState.last_read_post_id)) == r2.id
    # A watermark: "late" was seen on page 1 but is above it, so it shows as new once more.
    threads.thread_page(thread, world.teacher, 1)
    db.session.commit()
    assert db.session.scalar(select(ReadState.last_read_post_id)) == late.id


def test_notifications_reply_mention_follow_once_each(app, world, make_user):
    third = make_user("Kim Lee")
    add_member(world.classroom, third)
    thread, first = start(world.classroom, world.teacher)       # teacher follows
    r = reply(first, world.student, "Hello")                     # student follows; teacher: reply
    reply(r, third, "Hi @sam student and @Tess Teacher!")        # student: reply; teacher: mention
    kinds = {(n.user_id, n.kind) for n in db.session.scalars(select(Notification))}
    assert kinds == {(world.teacher.id, "reply"), (world.student.id, "reply"), (world.teacher.id, "mention")}
    posts.set_following(world.student.id, thread.id, False)
    db.session.commit()
    reply(first, third, "Another thought")
    latest = {(n.user_id, n.kind) for n in db.session.scalars(select(Notification).where(Notification.id > 3))}
    assert latest == {(world.teacher.id, "reply")}  # the student stopped following; third is the author
    assert notifications.unread_count(world.teacher.id) == 3
    notifications.mark_read(world.teacher.id)
    assert notifications.unread_count(world.teacher.id) == 0


def test_mentions_match_whole_names_longest_first():
    members = [(1, "Ana"), (2, "Ana Souza"), (3, "Bo")]
    assert notifications.mentioned("Thanks @ana souza!", members) == {2}
    assert notifications.mentioned("@Ana, and @Bob", members) == {1}
    assert notifications.mentioned("email ana@bo.com", members) == set()


def test_edit_keeps_history_and_delete_keeps_the_place(app, world):
    thread, first = start(world.classroom, world.teacher)
    r = reply(first, world.student, "I has a cat.")
    child = reply(r, world.teacher, "Nice!")
    posts.edit(r, "I have a cat.")
    db.session.commit()
    assert r.edited_at is not None and r.html == "<p>I have a cat.</p>"
    assert [v.source for v in posts.revisions(r)] == ["I has a cat."]
    posts.delete_post(r)
    db.session.commit()
    assert r.deleted and r.source == "" and r.html == ""
    assert db.session.scalar(select(func.count()).select_from(PostRevision)) == 0
    view = threads.thread_page(thread, world.teacher)
    assert [n.post.id for n in view.nodes] == [r.id, child.id]


def test_bulk_helper_builds_a_consistent_tree(app, world):
    thread, first = start(world.classroom, world.teacher)
    bulk_posts(thread, [world.student, world.teacher], 30)
    rows = db.session.execute(select(Post.id, Post.parent_id, Post.root_id, Post.depth).where(Post.depth > 0)).all()
    by_id = {r.id: r for r in rows}
    for r in rows:
        if r.depth == 1:
            assert r.root_id == r.id
        else:
            assert by_id[r.parent_id].root_id == r.root_id and by_id[r.parent_id].depth == r.depth - 1


def test_new_counts_are_per_thread_when_several_are_read(app, world, make_user):
    """Issue 13.1: the read mark of one thread must not count for another (PostgreSQL answered
    500, "more than one row returned by a subquery", once a reader had read two threads;
    SQLite took any one of the reader's marks)."""
    reader = make_user("Rita Reader")
    add_member(world.classroom, reader)
    started = {title: start(world.classroom, world.teacher, title) for title in ("One", "Two", "Three")}
    for title, (_, first) in started.items():
        reply(first, world.student, f"{title} a")
        reply(first, world.student, f"{title} b")
    for title in ("One", "Two"):
        threads.thread_page(started[title][0], reader)
        db.session.commit()
    reply(started["Two"][1], world.student, "after the read")
    forum = db.session.get(Forum, started["One"][0].forum_id)
    rows, _ = threads.thread_list(forum, reader)
    assert {row.thread.title: row.new_posts for row in rows} == {"One": 0, "Two": 1, "Three": 3}
    assert threads.class_forums(world.classroom, reader)[0].new_posts == 4
    assert threads.first_new_post(started["One"][0], reader) is None
