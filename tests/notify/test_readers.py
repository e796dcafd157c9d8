"""The batched readers rules (e-mails, digests) agree with the thread page's rules for every
reader, and cost the same queries for many readers as for one."""
from __future__ import annotations

from datetime import timedelta

from app.extensions import db
from app.forum import rules as forum_rules
from app.forum import services as forum_services
from app.forum.models import Post
from tests.conftest import add_member, count_queries, freeze_clock_at
from tests.forum.factories import start
from tests.prompts.factories import NOW, make_prompt, topic_thread, write

frozen = freeze_clock_at(NOW)


def test_readers_rules_agree_with_the_thread_page_rules(app, world, make_user):
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
    threads = [forum_services.get_thread(world.classroom, topic_thread(p, i).id)
               for p in (both, plain, later, draft) for i in (0, 1)]
    readers = {world.student.id: {world.classroom.id}, alice.id: {world.classroom.id},
               world.teacher.id: {world.classroom.id}}
    batched = forum_rules.readers_rules(threads, readers, {(world.teacher.id, world.classroom.id)})
    for user, teacher in ((world.student, False), (alice, False), (world.teacher, True)):
        for thread in threads:
            one = forum_rules.rules_for(thread, user, teacher)
            many = batched[thread.id, user.id]
            assert many.hidden == one.hidden
            if one.hidden:
                continue
            for post in (p for p in posts if p.thread_id == thread.id):
                assert many.visible(post) == one.visible(post)
            for author_id, real in names.items():
                assert many.name(author_id, real) == one.name(author_id, real)


def test_readers_rules_cost_the_same_for_three_readers_or_thirty(app, world, make_user):
    prompt = make_prompt(world.classroom, world.teacher, post_first=True, names_hidden=True)
    threads = [topic_thread(prompt), topic_thread(prompt, 1)]
    counts = []
    for n in (3, 30):
        people = [make_user(f"R{n}-{i}") for i in range(n)]
        for person in people:
            add_member(world.classroom, person)
        write(threads[0], people[0], "Hello.")
        members = {p.id: {world.classroom.id} for p in people}
        keys = [forum_services.get_thread(world.classroom, t.id) for t in threads]
        with count_queries(app) as q:
            found = forum_rules.readers_rules(keys, members, set())
        counts.append(q.count)
        assert len(found) == 2 * n
    assert counts[0] == counts[1] <= 3
