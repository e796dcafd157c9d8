"""The whole journey of issue 15 on a phone (360×740), counting taps: a new teacher sets up a
class and a discussion with a reflection, and later grades and releases; two new students
join, write a first post, reply to each other, write the reflection and read the feedback.

A tap is a click, a tap into a field (typing there is free), a choice in a list and an
answer to a "Are you sure?" question. Addresses are never typed, except the site's own
address once. Measured before the redesign: teacher 61 taps (34 to set up), student 41.
The issue asks for at least a third fewer: teacher at most 40, student at most 28."""
from __future__ import annotations

import re

from playwright.sync_api import expect

PHONE = {"width": 360, "height": 740}
PASSWORD = "correct horse battery"


class Taps:
    """A phone and the taps made on it."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def tap(self, locator):
        locator.click()
        self.count += 1

    def type(self, locator, text: str):
        locator.fill(text)  # one tap into the field; typing is not a tap
        self.count += 1

    def tap_and_confirm(self, locator):
        self.page.once("dialog", lambda dialog: dialog.accept())
        locator.click()
        self.count += 2

    def reload(self):
        """Pull to refresh (come back to the page later)."""
        self.page.reload()
        self.count += 1

    def link(self, name, **kwargs):
        self.tap(self.page.get_by_role("link", name=name, **kwargs).first)

    def button(self, name, **kwargs):
        self.tap(self.page.get_by_role("button", name=name, **kwargs))


def _sign_up(person: Taps, base: str, name: str, email: str) -> None:
    person.page.goto(base + "/")
    person.link("Create an account")
    person.type(person.page.get_by_label("Your name"), name)
    person.type(person.page.get_by_label("Email"), email)
    person.type(person.page.get_by_label("Password"), PASSWORD)
    person.button("Create account")
    expect(person.page.get_by_role("heading", level=1)).to_have_text("My classes")


def _student_joins(student: Taps, code: str) -> None:
    student.link("Join a class")
    student.type(student.page.get_by_label("Join code"), code)
    student.button("Join class")
    expect(student.page.get_by_text("Welcome to Evening English B1!")).to_be_visible()


def _first_post(student: Taps, text: str) -> None:
    student.tap(student.page.locator(".next-steps li a").first)  # "Write your first post in …"
    student.link("Practising speaking online", exact=True)  # choose the topic
    student.link("Write your first post")
    student.type(student.page.get_by_label("Your first post"), text)
    student.button("Post your first post")
    expect(student.page.get_by_text("Your first post is posted.")).to_be_visible()


def _home(person: Taps) -> None:
    """Back to the class home from any page of the class: the class menu, then the class."""
    menu = person.page.locator("details.class-menu")
    if not menu.evaluate("el => el.open"):
        person.tap(menu.locator("summary"))
    person.tap(person.page.locator(".class-nav a").first)


def test_journey_in_few_taps(live_server, new_page):
    base = live_server.url
    teacher = Taps(new_page(viewport=PHONE))
    ana, ben = Taps(new_page(viewport=PHONE)), Taps(new_page(viewport=PHONE))

    # The teacher sets up the class and a discussion with a reflection.
    _sign_up(teacher, base, "Tess Teacher", "tess@example.com")
    teacher.link("Create a class")
    teacher.type(teacher.page.get_by_label("Class name"), "Evening English B1")
    teacher.button("Create class")
    code = teacher.page.get_by_test_id("join-code").inner_text()
    teacher.link("New discussion")
    teacher.type(teacher.page.get_by_label("Title", exact=True), "Should our class use Skype?")
    teacher.type(teacher.page.get_by_label("Instructions"), "Choose a topic and give your opinion.")
    teacher.type(teacher.page.locator("#topics-0-title"), "Practising speaking online")
    teacher.type(teacher.page.locator("#topics-1-title"), "Staying on topic")
    teacher.type(teacher.page.get_by_label("Words in the first post"), "10")
    teacher.type(teacher.page.get_by_label("Replies to classmates"), "1")
    teacher.button("Save and publish")
    expect(teacher.page.get_by_text("The discussion is published.")).to_be_visible()
    teacher.link("Reflection settings")
    teacher.button("Save", exact=True)
    expect(teacher.page.get_by_text("The reflection settings are saved")).to_be_visible()
    setup = teacher.count

    # Two students join, write a first post each and reply to each other.
    for student, name, email in ((ana, "Ana Souza", "ana@example.com"), (ben, "Ben Okafor", "ben@example.com")):
        _sign_up(student, base, name, email)
        _student_joins(student, code)
        _first_post(student, f"{name.split()[0]} thinks a video call is good practice: we are less nervous at home.")
    for student, other in ((ana, "Ben Okafor"), (ben, "Ana Souza")):
        student.reload()
        student.tap(student.page.get_by_role("link", name=f"Reply to {other}").first)
        student.type(student.page.get_by_label("Your reply"), "I agree, and the camera helps me see a smile.")
        student.button("Post reply")
        expect(student.page.get_by_text("Your reply is posted.")).to_be_visible()

    # They write the reflection from the class home's next step.
    for student in (ana, ben):
        _home(student)
        student.tap(student.page.get_by_role("link", name=re.compile("^Write your reflection")))
        student.type(student.page.get_by_label("Your reflection"), "We talked about speaking online. Most of us "
                     "think it helps because we are less nervous. A new phrase: take turns.")
        student.button("Hand in")
        expect(student.page.get_by_text("Your reflection is handed in.")).to_be_visible()

    # The teacher grades both from "Needs your attention" and releases the grades.
    _home(teacher)
    teacher.tap(teacher.page.get_by_role("link", name=re.compile("^Grade 2 reflections")))
    teacher.tap(teacher.page.get_by_role("link", name=re.compile("^Ana Souza")))
    for last in (False, True):
        for level in ("Gives the main ideas", "Few mistakes", "Uses new words", "Took an active part"):
            teacher.tap(teacher.page.get_by_label(re.compile(level)))
        teacher.type(teacher.page.get_by_label("Feedback for the student"), "A clear summary. Well done.")
        teacher.button("Save grade" if last else "Save and next")
        expect(teacher.page.get_by_text(re.compile("The grade for .* is saved"))).to_be_visible()
    teacher.link(re.compile("Practising speaking online"))
    teacher.tap_and_confirm(teacher.page.get_by_role("button", name="Release all grades"))
    expect(teacher.page.get_by_text(re.compile("can see"))).to_be_visible()

    # The students read their feedback from the notification.
    for student in (ana, ben):
        student.reload()
        student.tap(student.page.locator("a.bell"))
        student.tap(student.page.get_by_role("link", name=re.compile("gave you a grade")))
        expect(student.page.get_by_text("A clear summary. Well done.")).to_be_visible()

    print(f"\ntaps: teacher {teacher.count} ({setup} to set up), students {ana.count} and {ben.count}")
    assert teacher.count <= 40 and setup <= 23  # a third fewer than 61 and 34
    assert ana.count <= 28 and ben.count <= 28  # a third fewer than 41
