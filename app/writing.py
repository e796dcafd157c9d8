"""Form pieces for every form that takes text: the editor field and a
one-time token that turns a double submission into one.

Use ``editor_field`` for the text and subclass ``OnceForm`` for the form::

    class ReplyForm(OnceForm):
        body = editor_field("Your reply", profile="post", min_words=10)

    form = ReplyForm()
    if request.method == "POST" and closed:
        writing.refuse(form, closed)                    # the text comes back, with why
        status = 409
    elif form.validate_on_submit():                     # a repeat answers as the first did
        return submissions.save_once(form, lambda: post_url(services.reply(...)), "Your reply is posted.")
"""
from __future__ import annotations

import secrets

from flask import Flask, request, session, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError

from app import content, throttle


class MinWords:
    """Validator: at least ``minimum`` words, counted like the live counter."""

    def __init__(self, minimum: int):
        self.minimum = minimum

    def __call__(self, form, field) -> None:
        words = content.count_words(field.data or "")
        if words < self.minimum:
            missing = self.minimum - words
            raise ValidationError(f"You need {missing} more word{'s' if missing != 1 else ''}. Now you have {words}, and at least {self.minimum} are needed.")


class MaxChars:
    """Validator: not longer than the profile's limit (``content.MAX_CHARS``); the text is kept."""

    def __init__(self, profile: str):
        self.profile = profile

    def __call__(self, form, field) -> None:
        problem = content.too_long(field.data or "", self.profile)
        if problem:
            raise ValidationError(problem)


class EditorField(TextAreaField):
    """A text area rendered by the shared editor macro (``_macros/editor.html``)."""

    def __init__(self, label=None, validators=None, *, profile: str = "post", min_words: int | None = None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.profile = profile
        self.min_words = min_words
        self.max_chars = content.MAX_CHARS[profile]
        #: Set when the user pressed Preview without JavaScript.
        self.preview_html: str | None = None


def editor_field(label: str, *, profile: str = "post", min_words: int | None = None, required: bool = True,
                 description: str | None = None) -> EditorField:
    """The text field of a form: required (or not), a length limit and a word minimum."""
    validators = [DataRequired("Please write something first.") if required else Optional(), MaxChars(profile)]
    if min_words:
        validators.append(MinWords(min_words))
    return EditorField(label, validators, profile=profile, min_words=min_words, description=description)


class TextForm(FlaskForm):
    """A form with editor fields. Its Preview button (``_preview``) never saves:
    the page comes back with the preview above the still-filled editor (or, for text
    over the limit, the limit next to it: too long to save is too long to preview)."""

    def validate_on_submit(self, extra_validators=None) -> bool:
        if self.is_submitted() and request.form.get("_preview"):
            wait = throttle.hit_per_user_and_address("PREVIEW_LIMIT")
            for field in self:
                if isinstance(field, EditorField):
                    problem = throttle.too_fast_message(wait) if wait else content.too_long(field.data or "", field.profile)
                    if problem:
                        field.errors = [problem]
                    else:
                        field.preview_html = content.render(field.data or "", field.profile)
            return False
        return super().validate_on_submit(extra_validators)

    def text_field(self):
        """The field that messages about the whole text go next to: the first editor field."""
        return next((field for field in self if isinstance(field, EditorField)), None)


class OnceForm(TextForm):
    """A form that carries a one-time token, so a double click saves once. Saving counts
    towards ``WRITE_LIMIT_PER_USER`` and ``…_PER_ADDRESS``: past them the form comes back
    with the text and says how long to wait."""

    form_token = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.form_token.data:
            self.form_token.data = secrets.token_urlsafe(16)

    def validate_on_submit(self, extra_validators=None) -> bool:
        if not super().validate_on_submit(extra_validators):
            return False
        wait = throttle.hit_per_user_and_address("WRITE_LIMIT")
        if wait:
            field = self.text_field() or next(iter(self))
            field.errors = list(field.errors) + [throttle.too_fast_message(wait) + " Your text is still here."]
            return False
        return True


def refuse(form, reason: str) -> None:
    """The text cannot be saved now (closed, locked, archived): show ``reason`` on the form's
    ``body`` with its other errors, and keep the typed text. The view answers 409."""
    form.validate()
    form.body.errors = list(form.body.errors) + [reason + " Your text is still here: copy it if you want to keep it."]


DRAFT_FIELD = "_draft_key"


def register(app: Flask) -> None:
    """Tell the browser which drafts the server has saved, so it can forget them.

    The editor posts its draft key. When a POST by a logged-in user ends in a
    redirect (saved; not a trip to the login page), the key is kept in the
    session until the next full page, whose ``<meta>`` lists it for editor.js.
    """

    @app.after_request
    def note_saved_draft(response):
        if request.method != "POST" or not 300 <= response.status_code < 400:
            return response
        key = request.form.get(DRAFT_FIELD, "")[:100]
        if key and current_user.is_authenticated and not (response.location or "").startswith(url_for("auth.login")):
            session["saved_drafts"] = (session.get("saved_drafts", []) + [key])[-20:]
        return response

    @app.context_processor
    def saved_drafts():
        if request.headers.get("HX-Request") or "saved_drafts" not in session:
            return {"saved_drafts": []}
        return {"saved_drafts": session.pop("saved_drafts")}

    app.jinja_env.globals.update(count_words=content.count_words, allowlist_notice=content.allowlist_notice(),
                                 word_requirement=content.word_requirement_message)
