"""Journey: forgot password → the e-mail reaches the SMTP server → its link → a new password →
logged in, and the old session on another device has ended."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, screenshot

NEW_PASSWORD = "purple elephant tuesday"


def _seed():
    from app.auth.services import register_user

    register_user("nadia@example.com", "Nadia Haddad", PASSWORD, email_confirmed=True)


def test_forgot_password_by_email(live_server, new_page, mailbox):
    base = live_server.url
    live_server.run(_seed)
    laptop = new_page()
    log_in(laptop, base, "nadia@example.com")
    expect(laptop.get_by_role("heading", name="My classes")).to_be_visible()

    phone = new_page()
    phone.goto(f"{base}/account/login")
    phone.get_by_role("link", name="Forgot your password?").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    phone.get_by_label("Email").fill("nadia@example.com")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Send me a link").click()
    expect(phone.get_by_text("If an account uses nadia@example.com, we sent it an email")).to_be_visible()

    [message] = mailbox.wait_for(1)
    assert message.rcpt_tos == ["nadia@example.com"] and message.subject == "Reset your Roundtable password"
    [link] = [url for url in message.links() if "/account/reset/" in url]
    assert link.startswith(base) and f'href="{link}"' in message.html

    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    phone.get_by_label("New password").fill("password")  # too common: refused, the link still works
    phone.get_by_role("button", name="Save the new password").click()
    expect(phone.get_by_text("easy to guess")).to_be_visible()
    phone.get_by_label("New password").fill(NEW_PASSWORD)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Save the new password").click()
    expect(phone.get_by_text("Your new password is saved. You are logged in.")).to_be_visible()
    expect(phone.get_by_role("heading", name="My classes")).to_be_visible()
    screenshot(phone, "password-reset-done")

    laptop.goto(f"{base}/account/")  # the old session ended: back to the login page
    expect(laptop).to_have_url(re.compile(r"/account/login\?next="))

    again = new_page()
    again.goto(link)  # used once already
    expect(again.get_by_role("heading", level=1)).to_have_text("This link does not work any more")
    log_in(again, base, "nadia@example.com", NEW_PASSWORD)
    expect(again.get_by_role("heading", name="My classes")).to_be_visible()
