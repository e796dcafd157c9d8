"""Journey: a teacher makes a class, a student joins with the code, an outsider cannot see it."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import register, screenshot


def test_teacher_creates_class_student_joins_outsider_gets_not_found(live_server, new_page):
    base = live_server.url
    teacher = new_page()
    register(teacher, base, "Maria Teacher", "maria@example.com")
    teacher.get_by_role("link", name="Create a class").click()
    teacher.get_by_label("Class name").fill("Evening English B1")
    teacher.get_by_label("Short description").fill("We talk between lessons.")
    teacher.get_by_role("button", name="Create class").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Evening English B1")
    code = teacher.get_by_test_id("join-code").inner_text()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{8}", code)
    class_url = teacher.url
    screenshot(teacher, "class-home-teacher")

    student = new_page(timezone_id="Asia/Tokyo")
    register(student, base, "Kenji Student", "kenji@example.com")
    student.goto(f"{base}/account/")  # the browser's time zone was taken at registration
    expect(student.get_by_label("Your time zone")).to_have_value("Asia/Tokyo")
    student.goto(f"{base}/")
    student.get_by_role("link", name="Join a class").click()
    student.get_by_label("Join code").fill("WRONG234")
    student.get_by_role("button", name="Join class").click()
    expect(student.get_by_text("We cannot find a class with this code")).to_be_visible()
    expect(student.get_by_label("Join code")).to_have_value("WRONG234")
    student.get_by_label("Join code").fill(code.lower())
    student.get_by_role("button", name="Join class").click()
    expect(student.get_by_role("heading", level=1)).to_have_text("Evening English B1")
    expect(student.get_by_text("Welcome to Evening English B1!")).to_be_visible()
    expect(student.get_by_test_id("join-code")).to_have_count(0)

    teacher.goto(f"{class_url}members")
    expect(teacher.get_by_role("cell", name="Kenji Student", exact=True)).to_be_visible()

    outsider = new_page()
    register(outsider, base, "Olga Outsider", "olga@example.com")
    response = outsider.goto(class_url)
    assert response.status == 404
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Page not found")
