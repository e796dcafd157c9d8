"""The editor's server side: limits, word minimums, preview, double submission, drafts."""
from __future__ import annotations

import threading

import pytest
from flask import redirect, render_template_string
from sqlalchemy import func, select

from app import submissions
from app.classes.models import Classroom
from app.extensions import db
from app.permissions import user_required
from app.writing import OnceForm, editor_field

PAGE = """{% extends "base.html" %}{% from "_macros/editor.html" import editor %}
{% block title %}Write{% endblock %}{% block content %}<h1>Write</h1>
<form method="post">{{ form.hidden_tag() }}{{ editor(form.body, "test-note") }}<button>Save</button></form>{% endblock %}"""


class NoteForm(OnceForm):
    body = editor_field("Your note", min_words=3)


@pytest.fixture
def note_app(app):
    """A small route that saves a note as a class name, to exercise the editor."""

    @app.route("/test-note", methods=["GET", "POST"])
    @user_required
    def note():
        form = NoteForm()
        if form.validate_on_submit():
            done = submissions.claim(form)
            if done:
                return redirect(done)
            classroom = Classroom(name=form.body.data[:100], join_code=f"N{db.session.scalar(select(func.count()).select_from(Classroom)):07d}")
            db.session.add(classroom)
            db.session.flush()
            url = f"/saved/{classroom.id}"
            submissions.remember_result(form, url)
            db.session.commit()
            return redirect(url)
        return render_template_string(PAGE, form=form)

    return app


def notes():
    return db.session.scalar(select(func.count()).select_from(Classroom))


def test_too_few_words_says_how_many_more_and_keeps_the_text(note_app, world, login_as):
    page = login_as(world.student).post("/test-note", data={"body": "Hello <b>world</b>"}).get_data(as_text=True)
    assert "You need 1 more word. Now you have 2, and at least 3 are needed." in page
    assert "Hello &lt;b&gt;world&lt;/b&gt;</textarea>" in page


def test_over_the_limit_gets_a_message_and_keeps_the_text(note_app, world, login_as):
    text = "word " * 4001 + "end"
    page = login_as(world.student).post("/test-note", data={"body": text}).get_data(as_text=True)
    assert "This text is too long: 20,008 characters. The limit is 20,000." in page
    assert text.strip() + "</textarea>" in page


def test_preview_button_without_javascript_shows_the_rendered_text_and_saves_nothing(note_app, world, login_as):
    before = notes()
    page = login_as(world.student).post(
        "/test-note", data={"body": "I **really** like it <script>alert(1)</script>", "_preview": "1"}
    ).get_data(as_text=True)
    assert "<strong>really</strong>" in page and "<script>alert" not in page
    assert "I **really** like it" in page
    assert notes() == before


def test_preview_endpoint_renders_like_a_save(app, world, login_as):
    response = login_as(world.student).post(
        "/editor/preview", data={"_field": "body", "_profile": "post", "body": "a *b* <em>c</em> <u>d</u>"}
    )
    html = response.get_data(as_text=True)
    from app.content import render

    assert render("a *b* <em>c</em> <u>d</u>") in html


def _no_render(monkeypatch):
    from app import content

    def refuse(*args, **kwargs):
        raise AssertionError("text over the limit must not be rendered")

    monkeypatch.setattr(content, "render", refuse)


@pytest.mark.parametrize("profile, limit", [("post", 20_000), ("wiki", 100_000)])
def test_preview_endpoint_has_the_same_limit_as_saving(app, world, login_as, monkeypatch, profile, limit):
    client = login_as(world.student)
    fits = client.post("/editor/preview", data={"_field": "body", "_profile": profile, "body": "a" * limit})
    assert "too long" not in fits.get_data(as_text=True)
    _no_render(monkeypatch)
    response = client.post("/editor/preview", data={"_field": "body", "_profile": profile, "body": "http://a<" * (limit // 9 + 1)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"The limit is {limit:,}." in html and 'role="alert"' in html


def test_preview_button_without_javascript_refuses_text_over_the_limit(note_app, world, login_as, monkeypatch):
    _no_render(monkeypatch)
    text = "word " * 4001 + "end"
    before = notes()
    page = login_as(world.student).post("/test-note", data={"body": text, "_preview": "1"}).get_data(as_text=True)
    assert "This text is too long: 20,008 characters. The limit is 20,000." in page
    assert text.strip() + "</textarea>" in page
    assert notes() == before


def test_double_submission_saves_once_and_answers_like_the_first(note_app, world, login_as):
    client = login_as(world.student)
    data = {"body": "three whole words", "form_token": "tok-123"}
    first = client.post("/test-note", data=data)
    second = client.post("/test-note", data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert notes() == 3  # two from the world fixture, one note


def test_concurrent_double_submission_saves_once(note_app, world, login_as):
    clients = [login_as(world.student) for _ in range(4)]
    results = []
    data = {"body": "three whole words", "form_token": "tok-race"}

    def post(client):
        results.append(client.post("/test-note", data=data).headers.get("Location"))

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert notes() == 3
    assert len(set(results)) == 1 and results[0].startswith("/saved/")


def test_saved_draft_is_named_on_the_next_page_only_after_a_real_save(note_app, world, login_as):
    client = login_as(world.student)
    failed = client.post("/test-note", data={"body": "too short", "_draft_key": "test-note"})
    assert 'name="roundtable-saved-drafts"' not in failed.get_data(as_text=True)
    client.post("/test-note", data={"body": "three whole words", "_draft_key": "test-note"})
    page = client.get("/").get_data(as_text=True)
    assert '<meta name="roundtable-saved-drafts" content="test-note">' in page
    assert 'name="roundtable-saved-drafts"' not in client.get("/").get_data(as_text=True)


def test_expired_session_does_not_count_as_saved(note_app, world):
    client = note_app.test_client()
    response = client.post("/test-note", data={"body": "three whole words", "_draft_key": "test-note"})
    assert "/account/login" in response.headers["Location"]
    with client.session_transaction() as session:
        assert "saved_drafts" not in session


def test_editor_shows_the_allowlist_notice_and_counter(note_app, world, login_as):
    page = login_as(world.student).get("/test-note").get_data(as_text=True)
    assert "You may use these HTML tags and attributes: &lt;a href=&#34;&#34; title=&#34;&#34;&gt;" in page
    assert 'lang="en"' in page and 'spellcheck="true"' in page
    assert 'data-draft-key="test-note"' in page
