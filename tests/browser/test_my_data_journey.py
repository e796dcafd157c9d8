"""Journey: a student downloads their data, then deletes their account; their post stays in
the thread as "Former student"."""
from __future__ import annotations

import zipfile

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, screenshot, seed_class, site_menu


def _seed():
    from app.auth.models import User
    from app.extensions import db
    from app.forum import posts
    from app.forum.models import Forum

    class_id = seed_class()
    ana = db.session.query(User).filter_by(email="ana@example.com").one()
    forum = db.session.query(Forum).filter_by(classroom_id=class_id).first()
    thread = posts.start_thread(forum, ana, "My favourite city", "I love **Lisbon** because of the sea.")
    return class_id, thread.id


def test_a_student_downloads_their_data_and_deletes_the_account(live_server, new_page, tmp_path):
    base = live_server.url
    class_id, thread_id = live_server.run(_seed)
    ana = new_page()
    log_in(ana, base, "ana@example.com")
    site_menu(ana).get_by_role("link", name="Account").click()
    with ana.expect_download() as download:
        ana.get_by_role("link", name="Download my data").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("roundtable-my-data-") and path.suffix == ".zip"
    with zipfile.ZipFile(path) as archive:
        posts_md = archive.read("posts.md").decode()
        assert "## My favourite city" in posts_md and "I love **Lisbon** because of the sea." in posts_md
        assert "ana@example.com" in archive.read("my-data.json").decode()

    ana.get_by_role("link", name="Delete my account").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Delete my account")
    ana.get_by_label("Your password").fill(PASSWORD)
    ana.get_by_label("Type DELETE to confirm").fill("delete")
    with ana.expect_navigation():
        ana.get_by_role("button", name="Delete my account").click()
    expect(ana.get_by_text("Your account is deleted.")).to_be_visible()
    log_in(ana, base, "ana@example.com")
    expect(ana.get_by_text("The email or the password is wrong.")).to_be_visible()

    teacher = new_page()
    log_in(teacher, base, "tess@example.com")
    teacher.goto(f"{base}/classes/{class_id}/threads/{thread_id}")
    post = teacher.locator("article").first
    expect(post).to_contain_text("Former student")
    expect(post).to_contain_text("I love Lisbon because of the sea.")
    expect(teacher.get_by_text("Ana Souza")).to_have_count(0)
    screenshot(teacher, "former-student-post")
