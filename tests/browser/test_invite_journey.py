"""Journey: a teacher invites three addresses; one registers from the invitation link and
lands in the class (the e-mails reach the test SMTP server)."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, screenshot, seed_class


def test_a_teacher_invites_three_and_one_registers_from_the_link(live_server, new_page, mailbox):
    base = live_server.url
    class_id = live_server.run(seed_class)
    teacher = new_page()
    log_in(teacher, base, "tess@example.com")
    teacher.goto(f"{base}/classes/{class_id}/members")
    teacher.get_by_role("link", name="Invite students").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Invite students")
    teacher.get_by_label("Email addresses").fill(
        "Lena Park <lena@example.com>, omar@example.com\nana@example.com\npia@example.com, not-an-address")
    with teacher.expect_navigation():
        teacher.get_by_role("button", name="Send invitations").click()
    expect(teacher.get_by_role("heading", name="Sent 3 invitations")).to_be_visible()
    problems = teacher.locator("table", has_text="Not sent")
    expect(problems.get_by_role("row", name="ana@example.com")).to_contain_text("Already a member of this class")
    expect(problems.get_by_role("row", name="not-an-address")).to_contain_text("Not an email address")
    expect(teacher.get_by_label("Email addresses")).to_have_value("ana@example.com\nnot-an-address")
    waiting = teacher.locator("table", has_text="not used yet")
    for address in ("lena@example.com (Lena Park)", "omar@example.com", "pia@example.com"):
        expect(waiting).to_contain_text(address)
    screenshot(teacher, "invite-sent")

    received = mailbox.wait_for(3)
    assert sorted(m.rcpt_tos[0] for m in received) == ["lena@example.com", "omar@example.com", "pia@example.com"]
    [message] = mailbox.to("lena@example.com")
    [link] = [url for url in message.links() if "/invite/" in url]
    assert link.startswith(base) and "14 days" in message.text

    lena = new_page()
    lena.goto(link)
    expect(lena.get_by_role("heading", level=1)).to_have_text("Join Evening English B1")
    lena.get_by_role("link", name="Create an account").click()
    expect(lena.get_by_label("Your name")).to_have_value("Lena Park")
    expect(lena.get_by_label("Email")).to_have_value("lena@example.com")
    lena.get_by_label("Password").fill(PASSWORD)
    with lena.expect_navigation():
        lena.get_by_role("button", name="Create account").click()
    expect(lena).to_have_url(f"{base}/classes/{class_id}/")
    expect(lena.get_by_text("Welcome to Evening English B1, Lena Park!")).to_be_visible()
    expect(lena.get_by_text("confirm your address")).to_have_count(0)  # the invited address counts as confirmed
    screenshot(lena, "invite-joined")

    teacher.reload()
    expect(waiting).not_to_contain_text("lena@example.com")
    teacher.goto(f"{base}/classes/{class_id}/members")
    expect(teacher.locator("table.members")).to_contain_text("Lena Park")

    again = new_page()
    again.goto(link)  # works once
    expect(again.get_by_role("heading", level=1)).to_have_text("This invitation does not work any more")
