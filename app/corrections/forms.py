"""Correction forms: a correction (the words typed or picked with the mouse), a class code,
and the writer's answer."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from app.forms import strip
from app.writing import OnceForm

from .anchoring import MAX_QUOTE


class CodeField(SelectField):
    """The code list, starting with an empty "Choose a code" (an empty choice says only "Choose a code.")."""

    def pre_validate(self, form) -> None:
        if self.data:
            super().pre_validate(form)


class CorrectionForm(OnceForm):
    """A correction: the exact words, which place of them, the code, a better form, a comment."""

    words = StringField("The words to correct", filters=[strip], description=(
        "Copy them exactly as the student wrote them. With a mouse or a finger, select them in the text and "
        "press “Correct”."),
        validators=[DataRequired("Type the words the correction is about."),
                    Length(max=MAX_QUOTE, message=f"Use {MAX_QUOTE} characters or fewer.")])
    occurrence = IntegerField("Which time they appear", default=1,
                              description="1 for the first time the words appear in the text, 2 for the second…",
                              validators=[Optional(), NumberRange(1, 999, "Use a number from 1 to 999.")])
    code = CodeField("Code", validators=[DataRequired("Choose a code.")], validate_choice=True)
    better = StringField("Better form (optional)", filters=[strip],
                         validators=[Length(max=300, message="Use 300 characters or fewer.")])
    comment = TextAreaField("Comment (optional)", filters=[strip],
                            validators=[Length(max=1000, message="Use 1000 characters or fewer.")])
    #: "grading": go back to the grading page after saving.
    back = HiddenField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "correction")  # the grading page has other forms with a "comment"
        super().__init__(*args, **kwargs)

    def set_codes(self, found) -> CorrectionForm:
        self.code.choices = [("", "Choose a code"), *((c.code, f"{c.code} – {c.name}") for c in found)]
        return self


class CodeForm(OnceForm):
    """A class's own correction code."""

    code = StringField("Code", filters=[strip], description="A few letters, for example “COL” or “REG”.",
                       validators=[DataRequired("Type the code."), Length(max=12, message="Use 12 characters or fewer."),
                                   Regexp(r"^\S+$", message="Use letters without spaces.")])
    name = StringField("Name", filters=[strip], description="For example “Collocation”.",
                       validators=[DataRequired("Type a name."), Length(max=60, message="Use 60 characters or fewer.")])
    explanation = StringField("What it means for the student", filters=[strip],
                              validators=[DataRequired("Explain the code in a few plain words."),
                                          Length(max=300, message="Use 300 characters or fewer.")])


class AnswerForm(FlaskForm):
    """The writer's answer to a correction: ``fixed``, ``unclear`` or ``""`` (take it back)."""

    answer = HiddenField()
