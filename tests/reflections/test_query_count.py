"""The student page and the reflections list cost the same whatever the class's size."""
from __future__ import annotations

from tests.conftest import add_member, count_queries
from tests.forum.factories import bulk_posts, start
from tests.reflections.factories import make_assignment, write_reflection


def _measure(app, client, path) -> int:
    client.get(path)
    with count_queries(app) as q:
        assert client.get(path).status_code == 200
    return q.count


def test_student_page_and_index_do_not_grow(app, world, login_as, make_user):
    thread, _ = start(world.classroom, world.teacher)
    assignment = make_assignment(world.classroom, thread)
    write_reflection(assignment, world.student, "Mine", hand_in=False)
    student, teacher = login_as(world.student), login_as(world.teacher)
    page = f"/classes/{world.classroom.id}/reflections/{assignment.id}"
    index = f"/classes/{world.classroom.id}/reflections"
    before = [_measure(app, student, page), _measure(app, student, index), _measure(app, teacher, index)]
    others = [make_user(f"Student {i}") for i in range(6)]
    for user in others:
        add_member(world.classroom, user)
    bulk_posts(thread, [world.student] + others, 60)
    for i in range(4):
        more = make_assignment(world.classroom, teacher=world.teacher)
        for user in others:
            write_reflection(more, user, f"Reflection {i}")
    after = [_measure(app, student, page), _measure(app, student, index), _measure(app, teacher, index)]
    assert after == before
