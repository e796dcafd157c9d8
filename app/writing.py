"""Form pieces for every form that takes text: the editor field and a
one-time token that turns a double submission into one.

Use ``editor_field`` for the text and subclass ``OnceForm`` for the form::

    class ReplyForm(OnceForm):
        body = editor_field("Your reply", profile="post", min_words=10)

    form = ReplyForm(draft="reply-to-post-42")          # the server keeps a draft (app.drafts)
    if request.method == "POST" and closed:
        writing.refuse(form, closed)                    # the text comes back, with why
        status = 409
    elif form.validate_on_submit():                     # a repeat answers as the first did
        return submissions.save_once(form, lambda: post_url(services.reply(...)), "Your reply is posted.")
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, request, session, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError

from app import content, throttle
from app.drafts import services as drafts


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
        #: The server draft put back in the field when its page opened (``TextForm.use_draft``).
        self.restored: Restored | None = None
        #: The text the page itself gave the field (empty, a quote, the post being changed),
        #: while the user has not sent the form: the editor does not keep that as a draft.
        self.page_text: str | None = None
        #: The form, when the server keeps this field's drafts (its ``draft_key`` names them).
        self.draft_form: TextForm | None = None


@dataclass(frozen=True)
class Restored:
    """A draft given back to an editor: which one, when it was written, what it replaced."""

    draft_id: int
    saved_at: datetime
    replaced: str


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
    over the limit, the limit next to it: too long to save is too long to preview).

    ``draft="reply-to-post-42"`` names the place the text is written for (a key
    ``app.drafts.registry`` knows): the server then keeps a draft of the first editor
    field (autosaved while typing, kept when the form comes back unsaved), gives it
    back when the page opens again on any device, and forgets it once
    ``submissions.save_once`` has saved the text. Give the field's starting text
    (a quote, the post being changed) to the constructor, so a draft can replace it."""

    def __init__(self, *args, draft: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        #: The place the server keeps this form's draft under (None: no server draft).
        self.draft_place = draft
        field = self.text_field()
        if draft and field is not None:
            field.draft_form = self
            if not self.is_submitted() and current_user.is_authenticated:
                field.page_text = field.data or ""
                drafts.restore(self)

    @property
    def draft_key(self) -> str | None:
        """The key the editor autosaves under (the place; a form may add a version to it)."""
        return self.draft_place

    def use_draft(self, draft) -> None:
        """Put the server's draft in the editor (a form whose key has a version takes it too)."""
        field = self.text_field()
        field.restored = Restored(draft.id, draft.saved_at, field.data or "")
        field.data = draft.text

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
            self._keep_draft()
            return False
        valid = super().validate_on_submit(extra_validators)
        if self.is_submitted() and not valid:
            self._keep_draft()
        return valid

    def _keep_draft(self) -> bool:
        """The form comes back unsaved: keep its text on the server (True when kept), unless the
        form may not be this user's (a missing or wrong CSRF token: it may come from another site)."""
        return bool(self.draft_place and self.csrf_ok() and drafts.keep(self))

    def csrf_ok(self) -> bool:
        """The form's CSRF token is valid (or CSRF is off)."""
        csrf = getattr(self, "csrf_token", None)
        try:
            csrf is None or csrf.pre_validate(self)
        except ValidationError:
            return False
        return True

    def text_field(self) -> EditorField | None:
        """The field that messages about the whole text go next to, and whose text is kept as a
        draft: the first editor field."""
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
            self._keep_draft()
            return False
        return True


def refuse(form, reason: str) -> None:
    """The text cannot be saved now (closed, locked, archived): show ``reason`` on the form's
    ``body`` with its other errors, and keep the typed text (also as a server draft when the
    form names its place). The view answers 409."""
    form.validate()
    kept = isinstance(form, TextForm) and form._keep_draft()
    form.body.errors = list(form.body.errors) + [
        reason + (" Your text is still here, and you can find it later in “Your drafts”." if kept
                  else " Your text is still here: copy it if you want to keep it.")]


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


def limit_of(form_class, name: str = "body") -> int:
    """The length limit of a form class's editor field (what autosaved drafts of it may hold)."""
    return content.MAX_CHARS[getattr(form_class, name).kwargs.get("profile", "post")]
