"""Privacy: a student only ever sees their own reflection; other classes get 404 everywhere."""
from __future__ import annotations

from app import clock
from app.extensions import db
from tests.conftest import add_member, freeze_clock_at
from tests.forum.factories import start
from tests.reflections.factories import NOW, make_assignment, reflection_samples, write_reflection

ROUTES = ["/reflections", "/reflections/{assignment_id}", "/rubrics", "/threads/{thread_id}/reflection/settings",
          "/prompts/{prompt_id}/reflection"]


frozen = freeze_clock_at(NOW)


def test_the_page_shows_only_my_own_text(world, login_as, make_user):
    other = make_user("Olivia Other")
    add_member(world.classroom, other)
    assignment = make_assignment(world.classroom, teacher=world.teacher)
    write_reflection(assignment, other, "Olivia secret reflection")
    write_reflection(assignment, world.student, "Sam own draft", hand_in=False)
    url = f"/classes/{world.classroom.id}/reflections/{assignment.id}"
    page = login_as(world.student).get(url).get_data(as_text=True)
    assert "Sam own draft" in page and "secret" not in page
    page = login_as(other).get(url).get_data(as_text=True)
    assert "secret reflection" in page and "Sam own draft" not in page
    # Query strings cannot choose another student's reflection.
    page = login_as(world.student).get(url + f"?student_id={other.id}&user_id={other.id}").get_data(as_text=True)
    assert "secret" not in page
    # The class list shows my own status only.
    page = login_as(world.student).get(f"/classes/{world.classroom.id}/reflections").get_data(as_text=True)
    assert "draft" in page and "handed in" not in page


def test_outsiders_and_other_classes_get_404_on_every_route(world, login_as):
    from tests.prompts.factories import make_prompt

    clock.freeze(None)
    values = reflection_samples(world)
    prompt = make_prompt(world.classroom, world.teacher)
    thread, _ = start(world.classroom, world.teacher)
    values.update(prompt_id=prompt.id, thread_id=thread.id)
    outsider = login_as(world.outsider)  # teaches "Other class"
    for route in ROUTES + ["/rubrics/{template_id}/delete"]:
        url = f"/classes/{world.classroom.id}" + route.format(**values)
        method = outsider.post if route.endswith(("delete", "settings", "reflection")) else outsider.get
        assert outsider.get(url).status_code in (404, 405), url
        assert method(url, data={}).status_code == 404, url
    # The outsider's own class: this class's ids still 404 there.
    for route in ROUTES[1:]:
        if "{" not in route:
            continue
        url = f"/classes/{world.other_class.id}" + route.format(**values)
        assert outsider.get(url).status_code == 404, url
    student = login_as(world.student)
    assert student.get(f"/classes/{world.classroom.id}/rubrics").status_code == 403
    assert student.get(f"/classes/{world.classroom.id}/threads/{thread.id}/reflection/settings").status_code == 403
    db.session.rollback()
