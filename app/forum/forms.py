"""Forum forms. Text goes through the shared editor field."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms import strip
from app.media.forms import VoiceFields
from app.writing import OnceForm, editor_field


class ForumForm(FlaskForm):
    title = StringField(
        "Forum name",
        validators=[DataRequired("Please give the forum a name."), Length(max=100, message="Use 100 characters or fewer.")],
        filters=[strip],
    )
    description = TextAreaField(
        "Short description",
        validators=[Length(max=300, message="Use 300 characters or fewer.")],
        description="Optional. One or two sentences about what to talk about here.",
        filters=[strip],
        render_kw={"rows": 2},
    )


class ThreadForm(OnceForm):
    title = StringField(
        "Title",
        validators=[DataRequired("Please write a title."), Length(max=150, message="Use 150 characters or fewer.")],
        description="A short question or topic, for example “What do you eat for breakfast?”",
        filters=[strip],
    )
    body = editor_field("Your first post")


class ReplyForm(VoiceFields, OnceForm):
    """A reply or a first post: text, a recording, or both."""

    body = editor_field("Your reply", required=False)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self.text_or_recording(self.body) and valid


class EditForm(OnceForm):
    body = editor_field("Your post")


class ReportForm(FlaskForm):
    reason = TextAreaField(
        "Why should a teacher look at this post?",
        validators=[DataRequired("Please write a reason."), Length(max=500, message="Use 500 characters or fewer.")],
        description="Only the teachers of the class see your report.",
        filters=[strip],
        render_kw={"rows": 3},
    )


class MoveForm(FlaskForm):
    forum = SelectField("Move to forum", coerce=int, validate_choice=True)
