"""Journey: a student makes a page through a missing-page link, a classmate corrects two
words, the first student sees them in the history's diff and goes back; a teacher locks
the page. Then two browsers edit the same page at once: nothing is lost."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot

PASSWORD = "correct horse battery"


def _class_with(live_server):
    """A class with a teacher and two students; returns the class id."""
    from app.auth.services import register_user
    from app.classes.models import Membership
    from app.classes.services import create_class
    from app.extensions import db

    def seed():
        teacher = register_user("teacher@example.com", "Tina Teacher", PASSWORD)
        classroom = create_class(teacher, "Wiki class")
        for email, name in (("ana@example.com", "Ana Student"), ("minh@example.com", "Minh Student")):
            user = register_user(email, name, PASSWORD)
            db.session.add(Membership(classroom_id=classroom.id, user_id=user.id, role="student"))
        return classroom.id

    return live_server.run(seed)


def test_page_from_missing_link_corrected_diffed_reverted_and_locked(live_server, new_page):
    base = live_server.url
    class_id = _class_with(live_server)
    wiki = f"{base}/classes/{class_id}/wiki"

    ana = new_page()
    log_in(ana, base, "ana@example.com")
    ana.goto(f"{wiki}/")
    missing = ana.get_by_role("link", name="Useful phrases")
    expect(missing).to_have_attribute("title", "This page does not exist yet")
    missing.click()
    expect(ana.get_by_label("Page title")).to_have_value("Useful phrases")
    ana.get_by_label("Page text").fill("Can you say that again, please?\n\nI am agree with you.\n\nWhat do you mean with that?")
    ana.get_by_role("button", name="Save page").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Useful phrases")
    ana.goto(f"{wiki}/home")
    expect(ana.get_by_role("link", name="Useful phrases")).not_to_have_attribute("title", "This page does not exist yet")

    minh = new_page()
    log_in(minh, base, "minh@example.com")
    minh.goto(f"{wiki}/useful-phrases")
    minh.get_by_role("link", name="Edit this page").first.click()
    minh.get_by_label("Page text").fill("Can you say that again, please?\n\nI agree with you.\n\nWhat do you mean by that?")
    minh.get_by_label("What did you change? (optional)").fill("two small corrections")
    minh.get_by_role("button", name="Save changes").click()
    expect(minh.get_by_text("Your changes are saved.")).to_be_visible()

    ana.goto(f"{wiki}/useful-phrases")
    ana.get_by_role("link", name="History").click()
    expect(ana.get_by_text("two small corrections")).to_be_visible()
    ana.get_by_role("button", name="Compare").click()
    diff = ana.get_by_test_id("diff")
    expect(diff.locator("del")).to_have_count(2)
    assert [t.strip() for t in diff.locator("del").all_inner_texts()] == ["am", "with"]
    assert [t.strip() for t in diff.locator("ins").all_inner_texts()] == ["by"]
    screenshot(ana, "wiki-diff")

    ana.get_by_role("link", name="History").click()
    ana.once("dialog", lambda dialog: dialog.accept())
    ana.get_by_role("button", name="Go back to version 1").click()
    expect(ana.get_by_text("The page is back to version 1")).to_be_visible()
    expect(ana.get_by_text("I am agree with you.")).to_be_visible()

    teacher = new_page()
    log_in(teacher, base, "teacher@example.com")
    teacher.goto(f"{wiki}/useful-phrases")
    teacher.get_by_role("button", name="Lock page").click()
    expect(teacher.get_by_text("The page is locked: only teachers can change it.")).to_be_visible()
    expect(teacher.get_by_role("button", name="Unlock page")).to_be_visible()

    ana.goto(f"{wiki}/useful-phrases")
    expect(ana.get_by_test_id("locked-notice")).to_be_visible()
    expect(ana.get_by_role("link", name="Edit this page")).to_have_count(0)


def test_two_browsers_edit_the_same_page(live_server, new_page):
    base = live_server.url
    class_id = _class_with(live_server)
    wiki = f"{base}/classes/{class_id}/wiki"
    original = "Line one.\n\nLine two.\n\nLine three."
    ana, minh = new_page(), new_page()
    log_in(ana, base, "ana@example.com")
    log_in(minh, base, "minh@example.com")
    ana.goto(f"{wiki}/new?title=Shared+notes")
    ana.get_by_label("Page text").fill(original)
    ana.get_by_role("button", name="Save page").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Shared notes")

    # Changes in different places: both are kept.
    ana.goto(f"{wiki}/shared-notes/edit")
    minh.goto(f"{wiki}/shared-notes/edit")
    ana.get_by_label("Page text").fill(original.replace("Line one.", "Line one, from Ana."))
    ana.get_by_role("button", name="Save changes").click()
    expect(ana.get_by_text("Your changes are saved.")).to_be_visible()
    minh.get_by_label("Page text").fill(original.replace("Line three.", "Line three, from Minh."))
    minh.get_by_role("button", name="Save changes").click()
    expect(minh.get_by_text("Ana Student changed this page while you were writing")).to_be_visible()
    expect(minh.get_by_text("Line one, from Ana.")).to_be_visible()
    expect(minh.get_by_text("Line three, from Minh.")).to_be_visible()

    # Changes to the same line: nothing saved until Minh combines them.
    ana.goto(f"{wiki}/shared-notes/edit")
    minh.goto(f"{wiki}/shared-notes/edit")
    text = ana.get_by_label("Page text").input_value()
    ana.get_by_label("Page text").fill(text.replace("Line two.", "Line two is Ana's."))
    ana.get_by_role("button", name="Save changes").click()
    expect(ana.get_by_text("Your changes are saved.")).to_be_visible()
    minh.get_by_label("Page text").fill(text.replace("Line two.", "Line two is Minh's."))
    minh.get_by_role("button", name="Save changes").click()
    expect(minh.get_by_test_id("conflict")).to_be_visible()
    expect(minh.get_by_test_id("mine")).to_contain_text("Line two is Minh's.")
    expect(minh.get_by_test_id("theirs")).to_contain_text("Line two is Ana's.")
    merged = minh.get_by_label("Page text").input_value()
    assert "<<<<<<< your version\nLine two is Minh's.\n=======\nLine two is Ana's.\n>>>>>>> their version" in merged
    screenshot(minh, "wiki-conflict")
    minh.get_by_label("Page text").fill(merged.replace(
        "<<<<<<< your version\nLine two is Minh's.\n=======\nLine two is Ana's.\n>>>>>>> their version",
        "Line two is Ana's and Minh's."))
    minh.get_by_role("button", name="Save changes").click()
    expect(minh.get_by_text("Your changes are saved.")).to_be_visible()
    expect(minh.get_by_text("Line two is Ana's and Minh's.")).to_be_visible()
    expect(minh.get_by_text("Line one, from Ana.")).to_be_visible()

    # Again on the same line: this time Minh presses "Keep both" instead of editing markers.
    ana.goto(f"{wiki}/shared-notes/edit")
    minh.goto(f"{wiki}/shared-notes/edit")
    text = ana.get_by_label("Page text").input_value()
    ana.get_by_label("Page text").fill(text.replace("Line three, from Minh.", "Line three: Ana was here."))
    ana.get_by_role("button", name="Save changes").click()
    expect(ana.get_by_text("Your changes are saved.")).to_be_visible()
    minh.get_by_label("Page text").fill(text.replace("Line three, from Minh.", "Line three: Minh was here."))
    minh.get_by_role("button", name="Save changes").click()
    expect(minh.get_by_text("Choose for each place (1 left)")).to_be_visible()
    minh.get_by_role("button", name="Keep both for place 1").click()
    expect(minh.get_by_text("All places are combined.")).to_be_visible()
    combined = minh.get_by_label("Page text").input_value()
    assert "<<<<<<<" not in combined and "Line three: Minh was here.\nLine three: Ana was here." in combined
    minh.get_by_role("button", name="Save changes").click()
    expect(minh.get_by_text("Your changes are saved.")).to_be_visible()
