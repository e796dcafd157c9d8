"""A search costs a fixed number of queries, and it reads posts by the forum's own rules."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.forum import rules as forum_rules
from app.forum import services as forum_services
from app.forum.models import Post
from app.search import queries
from tests.conftest import add_member, count_queries, freeze_clock_at
from tests.forum.factories import start
from tests.prompts.factories import NOW, make_prompt, topic_thread, write
from tests.search.factories import post_links, search

frozen = freeze_clock_at(NOW)


def _add_matches(world, alice, prompts, n: int) -> None:
    """``n`` matching posts spread over new ordinary threads and the prompts' topics."""
    for i in range(n):
        if i % 3 == 0:
            start(world.classroom, world.teacher, f"Thread {i}", f"Walrus number {i}.")
        else:
            prompt = prompts[i % len(prompts)]
            write(topic_thread(prompt, i % 2), alice if i % 2 else world.student, f"A walrus story {i}.")


@pytest.mark.parametrize("who", ["student", "teacher"])
def test_query_count_does_not_grow_with_matching_posts(app, world, make_user, login_as, who):
    alice = make_user("Alice Able")
    add_member(world.classroom, alice)
    prompts = [make_prompt(world.classroom, world.teacher, title="Hidden names", names_hidden=True),
               make_prompt(world.classroom, world.teacher, title="Post first", post_first=True),
               make_prompt(world.classroom, world.teacher, title="Later", opens_at=NOW + timedelta(days=1))]
    client = login_as(getattr(world, who))
    counts = []
    for n in (3, 27):
        _add_matches(world, alice, prompts[:2], n)
        with count_queries(app) as q:
            section = search(client, world.classroom, "walrus")
        counts.append((q.count, len(post_links(section))))
    (small, shown_small), (big, shown_big) = counts
    assert shown_small >= 2 and shown_big == queries.PER_PAGE
    assert small == big, f"{small} queries for 3 matching posts, {big} for 30"


def test_reading_rules_agree_with_the_thread_page_rules(world, make_user):
    """For every topic thread, the batched rules search uses give the answers of ``rules_for``."""
    alice = make_user("Alice Able")
    add_member(world.classroom, alice)
    both = make_prompt(world.classroom, world.teacher, title="Both", post_first=True, names_hidden=True)
    plain = make_prompt(world.classroom, world.teacher, title="Plain")
    later = make_prompt(world.classroom, world.teacher, title="Later", opens_at=NOW + timedelta(days=1))
    draft = make_prompt(world.classroom, world.teacher, title="Draft", publish=False)
    write(topic_thread(both), alice, "Hers.")
    write(topic_thread(both, 1), world.student, "Mine.")
    write(topic_thread(plain), alice, "Hers too.")
    start(world.classroom, world.teacher, "Ordinary", "Hello.")
    posts = list(db.session.scalars(db.select(Post).where(Post.classroom_id == world.classroom.id)))
    names = {world.teacher.id: "Tess Teacher", world.student.id: "Sam Student", alice.id: "Alice Able"}
    for user, teacher in ((world.student, False), (alice, False), (world.teacher, True)):
        batched = forum_rules.reading_rules(world.classroom.id, user, teacher)
        for prompt in (both, plain, later, draft):
            for index in (0, 1):
                thread = forum_services.get_thread(world.classroom, topic_thread(prompt, index).id)
                one = forum_rules.rules_for(thread, user, teacher)
                many = batched[thread.id]
                assert many.hidden == one.hidden
                if one.hidden:
                    continue
                for post in (p for p in posts if p.thread_id == thread.id):
                    assert many.visible(post) == one.visible(post)
                for author_id, real in names.items():
                    assert many.name(author_id, real) == one.name(author_id, real)
    assert len(forum_rules.reading_rules(world.classroom.id, world.student, False)) == 8  # topic threads only


def test_every_thread_rules_provider_has_a_reading_provider():
    """A feature that changes what the thread page shows must tell search too (``register_reading``)."""
    import app.prompts.rules  # noqa: F401  (registers the prompts' providers)

    assert len(forum_rules._reading_providers) == len(forum_rules._providers), (
        "a provider registered with app.forum.rules.register needs a matching register_reading provider, "
        "or search would show what the thread page hides")


def test_the_sql_reading_rules_agree_with_the_thread_page_rules(world, make_user):
    """``access.readable_posts`` (the search query's rules) reads exactly the posts ``can_read_post`` reads."""
    from sqlalchemy import select

    from app.forum import access, moderation
    from app.forum.models import Thread

    alice = make_user("Alice Able")
    add_member(world.classroom, alice)
    first = make_prompt(world.classroom, world.teacher, title="First", post_first=True)
    plain = make_prompt(world.classroom, world.teacher, title="Plain")
    make_prompt(world.classroom, world.teacher, title="Later", opens_at=NOW + timedelta(days=1))
    make_prompt(world.classroom, world.teacher, title="Draft", publish=False)
    write(topic_thread(first), alice, "Hers.")
    write(topic_thread(first, 1), world.student, "Mine.")
    write(topic_thread(plain), alice, "Hers too.")
    _, opening = start(world.classroom, world.teacher, "Ordinary", "Hello.")
    hidden = write(topic_thread(plain), world.student, "Hidden.")
    moderation.set_hidden(hidden, True)
    db.session.flush()
    posts = list(db.session.scalars(select(Post).where(Post.classroom_id == world.classroom.id)))
    for user, teacher in ((world.student, False), (alice, False), (world.teacher, True)):
        by_sql = set(db.session.scalars(
            select(Post.id).join(Thread, Thread.id == Post.thread_id)
            .where(Post.classroom_id == world.classroom.id, access.readable_posts(world.classroom.id, user, teacher))))
        by_rules = {p.id for p in posts if not p.deleted and access.can_read_post(
            user, p, teacher, forum_rules.rules_for(forum_services.get_thread(world.classroom, p.thread_id),
                                                    user, teacher))}
        assert by_sql == by_rules, user.display_name
    assert len(by_sql) > len(set(db.session.scalars(
        select(Post.id).join(Thread, Thread.id == Post.thread_id)
        .where(access.readable_posts(world.classroom.id, world.student, False))))), "the rules hide something"


def test_every_thread_rules_provider_has_a_query_provider():
    """A feature that changes what the thread page shows must tell the search query too."""
    import app.prompts.rules  # noqa: F401

    assert len(forum_rules._query_providers) == len(forum_rules._providers), (
        "a provider registered with app.forum.rules.register needs a matching register_reading_query "
        "provider, or search would show what the thread page hides")
