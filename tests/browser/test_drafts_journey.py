"""Journey: a reply typed on one device is autosaved on the server, comes back on another
device (a new browser context, so no browser draft), is listed under "Your drafts", and is
gone from there once posted."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import log_in, seed_class, site_menu

TEXT = "I like the old market too. On Sundays there is music, and the bread is still warm."


def _seed():
    from app.auth.models import User
    from app.extensions import db
    from app.forum import posts
    from app.forum.models import Forum

    class_id = seed_class()
    tess = db.session.scalar(db.select(User).where(User.email == "tess@example.com"))
    forum = db.session.scalar(db.select(Forum).where(Forum.classroom_id == class_id))
    thread = posts.start_thread(forum, tess, "Favourite places", "Where do you like to go in our city?")
    db.session.flush()
    return f"/classes/{class_id}/threads/{thread.id}"


def test_a_draft_follows_the_student_to_another_device(live_server, new_page):
    base = live_server.url
    thread_url = base + live_server.run(_seed)

    # On the phone: Ana opens the reply form in place and types; the editor autosaves.
    phone = new_page()
    log_in(phone, base, "ana@example.com")
    phone.goto(thread_url)
    phone.get_by_role("link", name="Reply to Tess Teacher", exact=True).click()
    phone.get_by_label("Your reply").fill(TEXT)
    expect(phone.locator(".draft-saved")).to_contain_text("Draft saved at", timeout=10_000)

    # On the laptop (another browser: nothing in its storage), the same form has the text back.
    laptop = new_page()
    log_in(laptop, base, "ana@example.com")
    site_menu(laptop).get_by_role("link", name="Your drafts").click()
    expect(laptop.get_by_role("heading", level=1)).to_have_text("Your drafts")
    expect(laptop.get_by_role("heading", name="Your reply to Tess Teacher in “Favourite places”")).to_be_visible()
    laptop.get_by_role("link", name="Go on writing").click()
    expect(laptop.get_by_label("Your reply")).to_have_value(TEXT)
    expect(laptop.get_by_text("We brought back the text you wrote")).to_be_visible()

    laptop.get_by_label("Your reply").fill(TEXT + " See you there!")
    laptop.get_by_role("button", name="Post reply").click()
    expect(laptop.get_by_text("Your reply is posted.")).to_be_visible()
    expect(laptop.get_by_text(TEXT + " See you there!")).to_be_visible()

    site_menu(laptop).get_by_role("link", name="Your drafts").click()
    expect(laptop.get_by_text("You have no drafts.")).to_be_visible()
    # The phone's page, opened again, does not bring the posted text back from the phone's own
    # storage either: the server had it, and has no draft now.
    phone.goto(thread_url)
    phone.get_by_role("link", name="Reply to Tess Teacher", exact=True).click()
    editor = phone.locator(".reply-slot [data-editor][data-ready]")  # editor.js has looked at its drafts
    expect(editor).to_have_count(1)
    expect(editor.get_by_label("Your reply")).to_have_value("")


def test_remove_it_forgets_the_server_draft(live_server, new_page):
    base = live_server.url
    thread_url = base + live_server.run(_seed)
    page = new_page()
    log_in(page, base, "ana@example.com")
    page.goto(thread_url)
    page.get_by_role("link", name="Reply to Tess Teacher", exact=True).click()
    page.get_by_label("Your reply").fill(TEXT)
    expect(page.locator(".draft-saved")).to_contain_text("Draft saved at", timeout=10_000)
    reply_url = page.locator("form.reply-form").get_attribute("action")

    other = new_page()
    log_in(other, base, "ana@example.com")
    other.goto(base + reply_url)
    expect(other.get_by_label("Your reply")).to_have_value(TEXT)
    with other.expect_response(lambda r: r.url.endswith("/drafts/autosave") and r.status == 204):
        other.get_by_role("button", name="Remove it").click()
    expect(other.get_by_label("Your reply")).to_have_value("")
    expect(other.get_by_text("We brought back the text you wrote")).to_be_hidden()
    assert other.url == base + reply_url  # JavaScript did it in place
    site_menu(other).get_by_role("link", name="Your drafts").click()
    expect(other.get_by_text("You have no drafts.")).to_be_visible()
