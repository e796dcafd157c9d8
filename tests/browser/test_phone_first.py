"""Phone first (issue 15), measured at 360×740 on the demo class: the header with the class
menu is at most 120 px tall, and each page's main step is on the first screen without
scrolling: the class home's next step, a topic's "Write your first post", the reflection's
text box, and "Save grade" on the grading page."""
from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import screenshot

PHONE = {"width": 360, "height": 740}
DEMO_PASSWORD = "roundtable-demo"


def _demo() -> dict:
    """The demo data, and the addresses of the pages measured."""
    from app import demo
    from app.extensions import db
    from app.prompts.models import Topic
    from app.reflections.models import Assignment, Reflection

    classroom = demo.load()["esl"]
    db.session.flush()
    topic = db.session.scalar(select(Topic).where(Topic.title == "Practising speaking online"))
    handed_in = db.session.scalar(select(Reflection).where(Reflection.submitted_at.is_not(None)).order_by(Reflection.id))
    assignment = db.session.get(Assignment, handed_in.assignment_id)
    other = db.session.scalar(select(Topic).where(Topic.title == "Staying on topic in a group chat"))
    to_write = db.session.scalar(select(Assignment).where(Assignment.thread_id == other.thread_id))  # student1's to do
    c = f"/classes/{classroom.id}"
    return {"home": f"{c}/", "topic": f"{c}/threads/{topic.thread_id}",
            "reflection": f"{c}/reflections/{to_write.id}",
            "grade": f"{c}/reflections/{assignment.id}/grading/{handed_in.student_id}"}


def _phone(new_page, base: str, email: str):
    page = new_page(viewport=PHONE)
    page.goto(f"{base}/account/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    return page


def _on_first_screen(page, locator, what: str) -> None:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 44) <= PHONE["height"], \
        f"{what} starts at {box and round(box['y'])} px: not on the first screen of {PHONE['height']} px"


def _header_height(page) -> float:
    return page.evaluate("() => document.querySelector('main').getBoundingClientRect().top")


def test_main_step_on_the_first_screen(live_server, new_page):
    base = live_server.url
    urls = live_server.run(_demo)

    # A student who has not posted yet: the next step on the home, the first post in a topic.
    new = _phone(new_page, base, "student7@example.com")
    new.goto(base + urls["home"])
    assert _header_height(new) <= 120
    _on_first_screen(new, new.locator(".next-steps li a").first, "The next step")
    new.goto(base + urls["topic"])
    assert _header_height(new) <= 120
    _on_first_screen(new, new.get_by_role("link", name="Write your first post"), "“Write your first post”")
    screenshot(new, "phone-topic-before-first-post")

    # A student who took part: the reflection's text box.
    student = _phone(new_page, base, "student1@example.com")
    student.goto(base + urls["reflection"])
    _on_first_screen(student, student.locator(".writing textarea"), "The reflection's text box")
    screenshot(student, "phone-reflection")

    # The teacher grades: "Save grade" is in the bar at the bottom of the screen.
    teacher = _phone(new_page, base, "teacher@example.com")
    teacher.goto(base + urls["home"])
    assert _header_height(teacher) <= 120
    _on_first_screen(teacher, teacher.locator(".next-steps li a").first, "The first thing that needs the teacher")
    teacher.goto(base + urls["grade"])
    _on_first_screen(teacher, teacher.get_by_role("button", name="Save grade"), "“Save grade”")
    screenshot(teacher, "phone-grading")
