"""The live chat box counts down and reloads itself when the "Join the chat" button is due.

The server's clock (``app.clock``) and the browser's clock (Playwright's
``page.clock``) are both pinned to the same instant and moved together by the
test: no sleeps, and no real time passes for the page however slow the run.
"""
from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app import clock
from tests.browser.conftest import log_in, seed_class
from tests.prompts.factories import NOW, make_prompt


def _prompt_with_chat(class_id: int) -> str:
    from sqlalchemy import select

    from app.auth.models import User
    from app.classes.models import Classroom
    from app.extensions import db

    classroom = db.session.get(Classroom, class_id)
    teacher = db.session.scalar(select(User).where(User.email == "tess@example.com"))
    prompt = make_prompt(classroom, teacher, chat_at=NOW + timedelta(minutes=20), chat_minutes=30,
                         chat_url="https://meet.jit.si/evening-english")
    return f"/classes/{class_id}/prompts/{prompt.id}"


def test_join_button_appears_without_reloading_by_hand(live_server, new_page):
    clock.freeze(NOW)
    try:
        class_id = live_server.run(seed_class)
        path = live_server.run(_prompt_with_chat, class_id)
        page = new_page()
        page.clock.install(time=NOW - timedelta(seconds=1))
        page.clock.pause_at(NOW)  # the browser's time stands still until the test moves it
        log_in(page, live_server.url, "ana@example.com")
        page.goto(live_server.url + path)
        expect(page.get_by_text("The chat starts in 20 minutes.")).to_be_visible()
        expect(page.get_by_role("link", name="Join the chat")).to_have_count(0)

        clock.freeze(NOW + timedelta(minutes=5, seconds=1))  # 15 minutes before the chat
        page.clock.run_for("05:01")  # the page reloads itself 1 s after the button is due
        expect(page.get_by_role("link", name="Join the chat")).to_be_visible()
        expect(page.get_by_text("The chat starts in 15 minutes.")).to_be_visible()

        clock.freeze(NOW + timedelta(minutes=8, seconds=1))
        page.clock.run_for("03:00")  # the count goes down in the page itself
        expect(page.get_by_text("The chat starts in 12 minutes.")).to_be_visible()
    finally:
        clock.freeze(None)
