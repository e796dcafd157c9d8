"""Journey: a student opens her reflection, sees the discussion with her own post marked,
saves a draft on the server, reloads and finds it, then hands it in; on a phone the
page does not scroll sideways."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import log_in, read_discussion, screenshot, seed_class

ANA_POST = "I think video calls help me speak more, because I feel less shy at home."
BEN_POST = "For me the camera is important: I like to see a smile."
TEXT = ("Our group talked about video calls. Most of us think they help, and Ben says the camera matters. "
        "A new phrase for me was to break the ice.")


def _seed() -> tuple[int, int]:
    from sqlalchemy import select

    from app.auth.models import User
    from app.classes.models import Classroom
    from app.extensions import db
    from tests.forum.factories import reply, start
    from tests.reflections.factories import make_assignment

    class_id = seed_class()
    classroom = db.session.get(Classroom, class_id)
    people = {u.email: u for u in db.session.scalars(select(User))}
    thread, first = start(classroom, people["tess@example.com"], "Video calls", "Do video calls help you speak?")
    reply(first, people["ana@example.com"], ANA_POST)
    reply(first, people["ben@example.com"], BEN_POST)
    assignment = make_assignment(classroom, thread, min_words=15)
    return class_id, assignment.id


def test_reflection_journey(live_server, new_page):
    base = live_server.url
    class_id, assignment_id = live_server.run(_seed)
    ana = new_page()
    log_in(ana, base, "ana@example.com")
    ana.goto(f"{base}/classes/{class_id}/reflections")
    ana.get_by_role("link", name="Video calls").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Your reflection: Video calls")
    read_discussion(ana)
    discussion = ana.get_by_role("group", name="Posts of the discussion")
    mine = discussion.locator("article", has_text=ANA_POST)
    expect(mine.get_by_text("Your post")).to_be_visible()
    expect(discussion.locator("article", has_text=BEN_POST).get_by_text("Your post")).to_have_count(0)

    box = ana.get_by_label("Your reflection")
    box.fill(TEXT)
    ana.get_by_role("button", name="Save draft").click()
    expect(ana.get_by_text("Your draft is saved.")).to_be_visible()
    ana.reload()
    expect(ana.get_by_label("Your reflection")).to_have_value(TEXT)
    expect(ana.get_by_test_id("reflection-state")).to_have_text("draft")
    ana.get_by_role("button", name="Hand in").click()
    expect(ana.get_by_text("Your reflection is handed in.")).to_be_visible()
    expect(ana.get_by_test_id("reflection-state")).to_have_text("handed in")
    screenshot(ana, "reflection-1280")

    ana.set_viewport_size({"width": 360, "height": 740})
    ana.reload()
    assert ana.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # On a phone the text box comes first, on the first screen; the discussion folds below it (issue 15).
    discussion_box = ana.get_by_role("heading", name="The discussion").bounding_box()
    editor_box = ana.get_by_label("Your reflection").bounding_box()
    assert editor_box["y"] < 740 and editor_box["y"] < discussion_box["y"]
    screenshot(ana, "reflection-360")
