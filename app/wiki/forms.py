"""Wiki forms. Messages are short and plain for readers learning English."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.forms import strip
from app.inputs import to_int
from app.writing import OnceForm, editor_field

from .merge import has_markers


def title_field() -> StringField:
    return StringField("Page title", validators=[DataRequired("Please write a title."),
                                                 Length(max=150, message="Use 150 characters or fewer.")],
                       description="Other pages link to this page with [[its title]].", filters=[strip])


def summary_field() -> StringField:
    return StringField("What did you change? (optional)", validators=[Optional(), Length(max=200, message="Use 200 characters or fewer.")],
                       description="For example: “fixed two verbs” or “added an example”.", filters=[strip])


def no_conflict_markers(form, field) -> None:
    """Validator: the text must not still hold the conflict marker lines."""
    if has_markers(field.data or ""):
        raise ValidationError("Your text still has the lines “<<<<<<< your version”, “=======” and “>>>>>>> their version”. "
                              "Choose the words to keep, then delete those three lines.")


class CreateForm(OnceForm):
    """A new page: title, text and an optional summary."""

    title = title_field()
    body = editor_field("Page text", profile="wiki")
    summary = summary_field()


class EditForm(OnceForm):
    """A change to a page; ``base_revision_id`` is the version the editor started from."""

    body = editor_field("Page text", profile="wiki")
    summary = summary_field()
    base_revision_id = HiddenField()

    def validate_body(self, field) -> None:
        no_conflict_markers(self, field)

    def base_id(self) -> int | None:
        """The version the text was written from (None when missing or not a database id)."""
        return to_int(self.base_revision_id.data)

    @property
    def draft_key(self) -> str | None:
        """The draft's key names the version the text started from: ``wiki-edit-7-from-31``."""
        base = self.base_id()
        return f"{self.draft_place}-from-{base}" if self.draft_place and base else None

    def use_draft(self, draft) -> None:
        """A draft comes back with the version it started from, so saving it merges what changed since."""
        super().use_draft(draft)
        self.base_revision_id.data = draft.key.rpartition("-from-")[2]


class RenameForm(FlaskForm):
    """A new title for a page."""

    title = title_field()
