"""Journey: write a post with allowed and disallowed HTML, preview it, reload and get
the draft back, post it, and see exactly what the preview showed. Also: an
expired session and a double click lose nothing and post once."""
from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import func, select

from app.auth.services import register_user
from app.classes.models import Membership, Role
from app.classes.services import create_class
from app.extensions import db
from app.forum.models import Forum, Thread
from tests.browser.conftest import log_in, screenshot

TEXT = "I <b>really</b> like <u>this</u> **book**. <script>alert(1)</script>I <3 English, x < 5."


def _seed():
    teacher = register_user("teacher@example.com", "Ms Rivera", "correct horse battery")
    student = register_user("ana@example.com", "Ana", "correct horse battery")
    classroom = create_class(teacher, "ESL 101")
    db.session.add(Membership(classroom_id=classroom.id, user_id=student.id, role=Role.STUDENT))
    db.session.flush()
    forum = db.session.scalar(select(Forum).where(Forum.classroom_id == classroom.id))
    return f"/classes/{classroom.id}/forums/{forum.id}/new"


def _threads():
    return db.session.scalar(select(func.count()).select_from(Thread))


def test_write_preview_reload_post(live_server, new_page):
    new_thread = live_server.url + live_server.run(_seed)
    page = new_page()
    log_in(page, live_server.url, "ana@example.com")
    page.goto(new_thread)
    page.get_by_label("Title").fill("My favourite book")
    body = page.get_by_label("Your first post")
    body.fill(TEXT)
    expect(page.locator(".word-count")).to_contain_text("words")

    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".preview .rendered")
    expect(preview.locator("b")).to_have_text("really")
    expect(preview).to_contain_text("<u>this</u>")
    expect(preview).to_contain_text("I <3 English, x < 5.")
    assert preview.locator("script, u").count() == 0
    previewed = preview.inner_html()

    page.reload()
    expect(page.get_by_text("We brought back the text you wrote")).to_be_visible()
    expect(body).to_have_value(TEXT)

    page.get_by_label("Title").fill("My favourite book")
    page.get_by_role("button", name="Start thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My favourite book")
    post = page.locator("article .rendered").first
    assert post.inner_html().strip() == previewed.strip()
    screenshot(page, "thread-after-post")

    page.goto(new_thread)
    expect(page.get_by_label("Your first post")).to_have_value("")
    expect(page.get_by_text("We brought back the text you wrote")).to_be_hidden()


def test_expired_session_keeps_the_text_and_double_click_posts_once(live_server, new_page):
    new_thread = live_server.url + live_server.run(_seed)
    page = new_page()
    log_in(page, live_server.url, "ana@example.com")
    page.goto(new_thread)
    page.get_by_label("Title").fill("Weekend plans")
    page.get_by_label("Your first post").fill("On Saturday I will visit my grandmother in the country.")
    page.context.clear_cookies()
    page.get_by_role("button", name="Start thread").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    page.get_by_label("Email").fill("ana@example.com")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(new_thread)
    expect(page.get_by_label("Your first post")).to_have_value("On Saturday I will visit my grandmother in the country.")

    page.get_by_label("Title").fill("Weekend plans")
    page.get_by_role("button", name="Start thread").dblclick()
    expect(page.get_by_role("heading", level=1)).to_have_text("Weekend plans")
    assert live_server.run(_threads) == 1


def test_preview_of_text_over_the_limit_names_the_limit_and_keeps_the_text(live_server, new_page):
    new_thread = live_server.url + live_server.run(_seed)
    page = new_page()
    log_in(page, live_server.url, "ana@example.com")
    page.goto(new_thread)
    body = page.get_by_label("Your first post")
    text = "http://a< " * 2_001  # 20,010 characters: one more word than a post may have
    body.fill(text)
    page.get_by_role("button", name="Preview").click()
    alert = page.locator(".preview [role=alert]")
    expect(alert).to_contain_text("This text is too long: 20,010 characters. The limit is 20,000.")
    expect(body).to_have_value(text)
    assert page.locator(".preview .rendered").count() == 0
    screenshot(page, "preview-over-the-limit")
