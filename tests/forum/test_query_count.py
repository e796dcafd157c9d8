"""A thread page costs the same number of queries for 10 posts and for 1,000."""
from __future__ import annotations

from tests.conftest import count_queries
from tests.forum.factories import bulk_posts, start


def _page_queries(app, world, login_as, replies: int) -> tuple[int, str]:
    thread, _ = start(world.classroom, world.teacher, title=f"Thread with {replies}")
    bulk_posts(thread, [world.student, world.teacher], replies)
    client = login_as(world.student)
    path = f"/classes/{world.classroom.id}/threads/{thread.id}"
    client.get(path)  # the first view writes the read mark; measure a later one, then a first one
    with count_queries(app) as q:
        page = client.get(path).get_data(as_text=True)
    return q.count, page


def test_thread_page_query_count_does_not_grow(app, world, login_as):
    small, small_page = _page_queries(app, world, login_as, 10)
    big, big_page = _page_queries(app, world, login_as, 1000)
    assert big_page.count('class="post level-') > small_page.count('class="post level-') >= 10
    assert big == small, f"{small} queries for 10 posts, {big} for 1,000"


def test_first_view_costs_one_more_statement_only(app, world, login_as):
    thread, _ = start(world.classroom, world.teacher)
    bulk_posts(thread, [world.teacher], 200)
    client = login_as(world.student)
    path = f"/classes/{world.classroom.id}/threads/{thread.id}"
    with count_queries(app) as first:
        client.get(path)
    with count_queries(app) as later:
        client.get(path)
    writes = [s for s in first.queries if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(writes) == 1 and "read_state" in writes[0]
    assert first.count == later.count + 1  # only the upsert


def test_class_home_and_forum_page_query_counts_are_fixed(app, world, login_as):
    from app.forum import services
    from tests.forum.factories import default_forum, reply

    client = login_as(world.student)
    home, forum_page = f"/classes/{world.classroom.id}/", f"/classes/{world.classroom.id}/forums/{default_forum(world.classroom).id}"
    client.get(home)
    with count_queries(app) as before_home:
        client.get(home)
    with count_queries(app) as before_forum:
        client.get(forum_page)
    for i in range(4):
        services.create_forum(world.classroom, f"Forum {i}")
    for i in range(6):
        _, first = start(world.classroom, world.teacher, title=f"T{i}")
        reply(first, world.student)
    with count_queries(app) as after_home:
        page = client.get(home).get_data(as_text=True)
    with count_queries(app) as after_forum:
        client.get(forum_page)
    assert "Forum 3" in page and "6 threads" in page
    assert after_home.count == before_home.count
    assert after_forum.count == before_forum.count
