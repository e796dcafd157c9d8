"""Server drafts over HTTP: autosave, the text back on another device, kept when a save is
refused or fails (without JavaScript too), gone once posted, and "Your drafts"."""
from __future__ import annotations

import html
import re

from sqlalchemy import func, select

from app.classes.services import membership_of, remove_member
from app.drafts.models import Draft
from app.extensions import db
from app.forum import moderation
from app.forum.models import Post
from tests.conftest import add_member, login
from tests.drafts.factories import save
from tests.forum.factories import default_forum, reply, start
from tests.wiki.factories import edit_page, make_page, reload, wiki

TEXT = "I eat rice and fish for breakfast, like my grandmother."


def c(world, rest=""):
    return f"/classes/{world.classroom.id}{rest}"


def drafts_of(user) -> list[Draft]:
    db.session.expire_all()
    return list(db.session.scalars(select(Draft).where(Draft.user_id == user.id)))


def autosave(client, key, text):
    return client.post("/drafts/autosave", data={"key": key, "text": text})


def textarea(page: str, name: str = "body") -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)
    return html.unescape(found.group(1)) if found else ""


def test_autosave_keeps_the_text_and_another_device_gets_it_back(app, world, login_as):
    thread, first = start(world.classroom, world.teacher, "Breakfast")
    phone = login_as(world.student)
    assert autosave(phone, f"reply-to-post-{first.id}", TEXT).status_code == 204
    [draft] = drafts_of(world.student)
    assert (draft.text, draft.classroom_id, draft.place) == (TEXT, world.classroom.id, f"reply-to-post-{first.id}")
    laptop = login_as(world.student)  # a second client: another device, no browser draft
    page = laptop.get(c(world, f"/posts/{first.id}/reply")).get_data(as_text=True)
    assert textarea(page) == TEXT
    notice = re.search(r'<p class="draft-notice"[^>]*>', page).group(0)
    assert "hidden" not in notice and "We brought back the text you wrote on" in page
    # The in-place reply form (htmx) gets it back too; a newer autosave replaces the older one.
    assert autosave(phone, f"reply-to-post-{first.id}", TEXT + " And tea.").status_code == 204
    fragment = laptop.get(c(world, f"/posts/{first.id}/reply"), headers={"HX-Request": "true"}).get_data(as_text=True)
    assert textarea(fragment) == TEXT + " And tea."
    assert len(drafts_of(world.student)) == 1
    # A NUL character (PostgreSQL refuses it in text) is dropped, on both databases.
    assert autosave(phone, f"reply-to-post-{first.id}", "Tea\x00 please.").status_code == 204
    assert [d.text for d in drafts_of(world.student)] == ["Tea please."]
    # Empty text (the user cleared the editor, or pressed "Remove it") forgets the draft.
    assert autosave(phone, f"reply-to-post-{first.id}", "  ").status_code == 204
    assert drafts_of(world.student) == []


def test_a_draft_replaces_the_text_the_page_starts_with_and_keeps_it_for_remove_it(app, world, login_as):
    thread, first = start(world.classroom, world.teacher, "Breakfast")
    mine = reply(first, world.student, "My first answer.")
    client = login_as(world.student)
    autosave(client, f"edit-post-{mine.id}", "My better answer.")
    page = client.get(c(world, f"/posts/{mine.id}/edit")).get_data(as_text=True)
    assert textarea(page) == "My better answer."
    assert '<template class="draft-replaced">My first answer.</template>' in page
    # "Remove it" without JavaScript: the form goes to the delete address, and back to the form.
    [draft] = drafts_of(world.student)
    removed = client.post(f"/drafts/{draft.id}/delete?back=form", data={"body": "My better answer."})
    assert removed.location == c(world, f"/posts/{mine.id}/edit")
    assert drafts_of(world.student) == []
    assert textarea(client.get(removed.location).get_data(as_text=True)) == "My first answer."


def test_autosave_refuses_what_the_user_may_not_write_at_and_stores_nothing(app, world, login_as, make_user):
    thread, first = start(world.classroom, world.teacher, "Breakfast")
    classmate = make_user("Cleo Classmate")
    add_member(world.classroom, classmate)
    hidden = reply(first, classmate, "A hidden post.")
    moderation.set_hidden(hidden, True)
    db.session.commit()
    student = login_as(world.student)
    assert autosave(student, f"reply-to-post-{hidden.id}", TEXT).status_code == 404
    assert autosave(student, f"edit-post-{first.id}", TEXT).status_code == 404  # not the author
    assert autosave(student, "reflection-1", TEXT).status_code == 404  # a key nobody registered
    assert autosave(student, "", TEXT).status_code == 404
    assert autosave(login_as(world.outsider), f"reply-to-post-{first.id}", TEXT).status_code == 404
    too_long = autosave(student, f"reply-to-post-{first.id}", "x" * 20_001)
    assert too_long.status_code == 400 and "20,000" in too_long.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
    assert app.test_client().post("/drafts/autosave", data={"key": f"reply-to-post-{first.id}", "text": TEXT}).status_code == 302


def test_autosave_needs_the_csrf_token(app_factory):
    from tests.conftest import World

    app = app_factory(WTF_CSRF_ENABLED=True)
    world = World()
    thread, first = start(world.classroom, world.teacher)
    client = app.test_client()
    page = client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/account/login", data={"email": world.student.email, "password": "correct horse battery",
                                        "csrf_token": token})
    key = f"reply-to-post-{first.id}"
    refused = client.post("/drafts/autosave", data={"key": key, "text": TEXT})
    assert refused.status_code == 400 and "press the button again" in refused.get_data(as_text=True)
    assert drafts_of(world.student) == []
    reply_page = client.get(c(world, f"/posts/{first.id}/reply")).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', reply_page).group(1)
    assert 'data-autosave="/drafts/autosave"' in reply_page
    assert client.post("/drafts/autosave", data={"key": key, "text": TEXT, "csrf_token": token}).status_code == 204
    assert [d.text for d in drafts_of(world.student)] == [TEXT]
    # A form sent from another site (no token) that fails its checks is not kept as a draft.
    client.post(c(world, f"/forums/{default_forum(world.classroom).id}/new"), data={"title": "", "body": "Forged"})
    assert [d.text for d in drafts_of(world.student)] == [TEXT]


def test_autosave_is_rate_limited_per_user(app_factory):
    from tests.conftest import World
    from tests.test_throttle import limited_app

    app = limited_app(app_factory, DRAFT_AUTOSAVE_LIMIT_PER_USER="3 per minute",
                      DRAFT_AUTOSAVE_LIMIT_PER_ADDRESS="1000 per minute")
    world = World()
    thread, first = start(world.classroom, world.teacher)
    client = login(app.test_client(), world.student)
    answers = [autosave(client, f"reply-to-post-{first.id}", f"{TEXT} {i}").status_code for i in range(4)]
    assert answers == [204, 204, 204, 429]
    too_fast = autosave(client, f"reply-to-post-{first.id}", TEXT)
    assert "You are going very fast" in too_fast.get_data(as_text=True) and too_fast.headers["Retry-After"]
    other = login(app.test_client(), world.teacher)
    assert autosave(other, f"reply-to-post-{first.id}", TEXT).status_code == 204
    assert autosave(app.test_client(), f"reply-to-post-{first.id}", TEXT).status_code == 302  # to log in


def test_posting_removes_the_draft(app, world, login_as):
    thread, first = start(world.classroom, world.teacher, "Breakfast")
    forum = default_forum(world.classroom)
    client = login_as(world.student)
    autosave(client, f"reply-to-post-{first.id}", TEXT)
    autosave(client, f"new-thread-in-forum-{forum.id}", "My thread's first post.")
    assert len(drafts_of(world.student)) == 2
    saved = client.post(c(world, f"/posts/{first.id}/reply"), data={"body": TEXT, "form_token": "t1"})
    assert saved.status_code == 302
    assert [d.place for d in drafts_of(world.student)] == [f"new-thread-in-forum-{forum.id}"]
    client.post(c(world, f"/forums/{forum.id}/new"), data={"title": "Hobbies", "body": "Mine", "form_token": "t2"})
    assert drafts_of(world.student) == []
    # Opening the reply form again: empty, no notice.
    page = client.get(c(world, f"/posts/{first.id}/reply")).get_data(as_text=True)
    assert textarea(page) == "" and re.search(r'<p class="draft-notice" role="status" hidden>', page)


def test_a_form_that_fails_its_checks_keeps_the_text_as_a_draft_without_javascript(app, world, login_as):
    forum = default_forum(world.classroom)
    client = login_as(world.student)
    page = client.post(c(world, f"/forums/{forum.id}/new"), data={"title": "", "body": TEXT, "form_token": "t1"})
    assert page.status_code == 200 and "Please write a title." in page.get_data(as_text=True)
    assert [(d.place, d.text) for d in drafts_of(world.student)] == [(f"new-thread-in-forum-{forum.id}", TEXT)]
    # Preview without JavaScript keeps it too (the text is newer).
    client.post(c(world, f"/forums/{forum.id}/new"), data={"title": "", "body": TEXT + "!", "_preview": "1"})
    assert [d.text for d in drafts_of(world.student)] == [TEXT + "!"]
    other_device = login_as(world.student).get(c(world, f"/forums/{forum.id}/new")).get_data(as_text=True)
    assert textarea(other_device) == TEXT + "!"


def test_a_refused_save_409_keeps_the_text_as_a_draft(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    login_as(world.teacher).post(c(world, f"/threads/{thread.id}/lock"))
    response = login_as(world.student).post(c(world, f"/posts/{first.id}/reply"), data={"body": TEXT, "form_token": "t"})
    assert response.status_code == 409
    assert "you can find it later in “Your drafts”" in response.get_data(as_text=True)
    assert [d.text for d in drafts_of(world.student)] == [TEXT]  # kept although the request rolled back
    assert db.session.scalar(select(func.count()).select_from(Post)) == 1


def test_a_save_that_breaks_shows_the_text_on_the_error_page_and_keeps_the_draft(app_factory, monkeypatch):
    from app.forum import posts
    from tests.conftest import World

    app = app_factory(PROPAGATE_EXCEPTIONS=False)
    world = World()
    thread, first = start(world.classroom, world.teacher)

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(posts, "reply", broken)
    client = login(app.test_client(), world.student)
    text = "My <b>long</b> answer.\n\nSecond paragraph."
    response = client.post(c(world, f"/posts/{first.id}/reply"),
                           data={"body": text, "form_token": "t", "_editor": "body", "_draft_key": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Your text was not saved. Copy it before you leave this page." in page
    assert re.search(r"<textarea[^>]*readonly[^>]*>\n" + re.escape(html.escape(text, quote=False)) + "</textarea>",
                     page.replace("&#39;", "'")), page
    assert "<b>long</b>" not in page
    assert [d.text for d in drafts_of(world.student)] == [text]
    assert db.session.scalar(select(func.count()).select_from(Post)) == 1


def test_the_error_page_shows_the_text_without_the_database(app_factory, monkeypatch):
    """The text comes from the request alone: the page needs no query for it."""
    from app import errors

    app = app_factory()
    with app.test_request_context("/x", method="POST", data={"_editor": ["body", "body"], "body": "Kept words"}):
        assert errors.submitted_texts(500) == ["Kept words"]
        assert errors.submitted_texts(503) == ["Kept words"]
        assert errors.submitted_texts(404) == []
    with app.test_request_context("/x", method="GET", query_string={"_editor": "body", "body": "x"}):
        assert errors.submitted_texts(500) == []


def test_a_wiki_draft_comes_back_with_its_version_so_saving_merges(app, world, login_as):
    page = make_page(world.classroom, world.teacher, source="Line one.\n\nLine two.\n\nLine three.")
    base = page.current_revision_id
    client = login_as(world.student)
    assert autosave(client, f"wiki-edit-{page.id}-from-{base}", "Line one, changed by me.\n\nLine two.\n\nLine three.").status_code == 204
    edit_page(reload(page.id), world.teacher, "Line one.\n\nLine two.\n\nLine three, changed by the teacher.")
    form = login_as(world.student).get(wiki(world.classroom) + f"/{page.slug}/edit").get_data(as_text=True)
    assert textarea(form).startswith("Line one, changed by me.")
    assert f'name="base_revision_id" type="hidden" value="{base}"' in form
    assert f'data-draft-key="wiki-edit-{page.id}-from-{base}"' in form
    saved = client.post(wiki(world.classroom) + f"/{page.slug}/edit",
                        data={"body": textarea(form), "base_revision_id": str(base), "form_token": "w1"})
    assert saved.status_code == 302
    assert reload(page.id).source == "Line one, changed by me.\n\nLine two.\n\nLine three, changed by the teacher."
    assert drafts_of(world.student) == []


def test_your_drafts_lists_only_my_drafts_where_i_may_still_write(app, world, login_as, make_user):
    thread, first = start(world.classroom, world.teacher, "Breakfast")
    page = make_page(world.classroom, world.teacher)
    save(world.student, f"reply-to-post-{first.id}", TEXT)
    save(world.student, f"wiki-edit-{page.id}-from-{page.current_revision_id}", "New words for the page.")
    save(world.teacher, f"reply-to-post-{first.id}", "The teacher's own draft.")
    listing = login_as(world.student).get("/drafts").get_data(as_text=True)
    assert "Your reply to Tess Teacher in “Breakfast”" in listing and "World class" in listing
    assert f'<a class="button small" href="/classes/{world.classroom.id}/posts/{first.id}/reply">Go on writing' in listing
    assert "Your changes to the wiki page “Phrasal verbs”" in listing and TEXT in listing
    assert "The teacher&#39;s own draft" not in listing and "The teacher's own draft" not in listing
    assert 'data-confirm="Delete this draft? Its text will be gone."' in listing
    # The header links to it on every page.
    assert re.search(r'<a href="/drafts">.*?Your drafts</a>', login_as(world.student).get("/").get_data(as_text=True))
    # After leaving the class the class's drafts are not shown.
    remove_member(membership_of(world.student.id, world.classroom.id))
    db.session.commit()
    listing = login_as(world.student).get("/drafts").get_data(as_text=True)
    assert "Breakfast" not in listing and "You have no drafts." in listing


def test_delete_is_for_the_owner_only(app, world, login_as):
    thread, first = start(world.classroom, world.teacher, "Breakfast")
    save(world.student, f"reply-to-post-{first.id}", TEXT)
    [draft] = drafts_of(world.student)
    for other in (world.teacher, world.outsider, world.admin):
        assert login_as(other).post(f"/drafts/{draft.id}/delete").status_code == 404
    assert login_as(world.student).post("/drafts/99999999999/delete").status_code == 404
    assert len(drafts_of(world.student)) == 1
    response = login_as(world.student).post(f"/drafts/{draft.id}/delete", follow_redirects=True)
    assert "The draft is deleted." in response.get_data(as_text=True)
    assert drafts_of(world.student) == []


def test_when_every_commit_fails_the_error_page_still_holds_the_text(app_factory):
    """A full disk: the reply's commit fails, and so does keeping the draft; the answer page has the text."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from tests.conftest import World

    app = app_factory(PROPAGATE_EXCEPTIONS=False)
    world = World()
    thread, first = start(world.classroom, world.teacher)
    client = login(app.test_client(), world.student)

    def disk_full(session):
        raise RuntimeError("disk full")

    event.listen(Session, "before_commit", disk_full)
    try:
        response = client.post(c(world, f"/posts/{first.id}/reply"),
                               data={"body": TEXT, "form_token": "t", "_editor": "body"})
    finally:
        event.remove(Session, "before_commit", disk_full)
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Your text was not saved. Copy it before you leave this page." in page and TEXT in page
    assert drafts_of(world.student) == [] and db.session.scalar(select(func.count()).select_from(Post)) == 1


def test_when_the_database_is_down_the_503_page_holds_the_text(app_factory, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from app import errors
    from app.forum import posts
    from tests.conftest import World

    app = app_factory(PROPAGATE_EXCEPTIONS=False)
    world = World()
    thread, first = start(world.classroom, world.teacher)
    client = login(app.test_client(), world.student)

    def unreachable(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("could not connect to server"))

    monkeypatch.setattr(posts, "reply", unreachable)
    text = "I <3 English & <script>x</script>"
    response = client.post(c(world, f"/posts/{first.id}/reply"), data={"body": text, "form_token": "t", "_editor": "body"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "Your text was not saved. Copy it before you leave this page." in page
    assert html.escape(text, quote=False) in page.replace("&#39;", "'") and "<script>x" not in page
    # Even the last-resort page (when the template itself cannot render) keeps the text, escaped.
    monkeypatch.setattr(errors, "render_template", lambda *a, **k: 1 / 0)
    response = client.post(c(world, f"/posts/{first.id}/reply"), data={"body": text, "form_token": "u", "_editor": "body"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "Copy it before you leave this page." in page
    assert "I &lt;3 English &amp; &lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
