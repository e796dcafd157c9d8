"""Grading forms: the grade (rubric levels come from ``level-<n>`` radio buttons), and return for revision."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import strip
from app.writing import TextForm, editor_field

from .services import GradeInput, missing_criteria, parse_levels


class GradeForm(TextForm):
    """Score one student: levels (read from the request), points without a rubric, adjustment, feedback."""

    points = IntegerField("Points", validators=[Optional(), NumberRange(0, 10_000, "Use a whole number, 0 or more.")])
    adjustment = IntegerField("Adjustment", default=0,
                              validators=[Optional(), NumberRange(-1000, 1000, "Use a whole number, like 2 or -1.")],
                              description="Optional. Points to add (or, with a minus sign, take away).")
    adjustment_reason = StringField("Reason for the adjustment", filters=[strip],
                                    validators=[Length(max=300, message="Use 300 characters or fewer.")],
                                    description="Needed when you adjust the points. The student sees it.")
    feedback = editor_field("Feedback for the student", required=False,
                            description="Optional. What went well and what to work on next.")

    def fill(self, grade) -> None:
        """Show a saved grade (GET)."""
        self.adjustment.data = grade.adjustment
        self.adjustment_reason.data = grade.adjustment_reason
        self.feedback.data = grade.feedback_source
        if not grade.levels and grade.score is not None:
            self.points.data = grade.score - grade.adjustment

    def data_for(self, rubric: list[dict], posted) -> GradeInput:
        """What was typed, as a ``GradeInput`` (levels from the posted ``level-<n>`` fields)."""
        return GradeInput(levels=parse_levels(rubric, posted), points=None if rubric else self.points.data,
                          adjustment=self.adjustment.data or 0, reason=self.adjustment_reason.data or "",
                          feedback=self.feedback.data or "")

    #: Set by ``check_complete``: which criteria still need a level (shown above the rubric).
    rubric_error: str | None = None

    def check_complete(self, rubric: list[dict], data: GradeInput) -> bool:
        """Whether "Save grade" may complete the grade; problems go next to their fields (a draft is kept anyway)."""
        if data.adjustment and not data.reason.strip():
            self.adjustment_reason.errors = list(self.adjustment_reason.errors) + [
                "Please say why you adjust the points."]
        if rubric:
            missing = missing_criteria(rubric, data.levels)
            if missing:
                self.rubric_error = "Choose a level for: " + ", ".join(missing) + "."
        elif data.points is None:
            self.points.errors = list(self.points.errors) + ["Please give the points."]
        return not (self.rubric_error or self.adjustment_reason.errors or self.points.errors)


class ReturnForm(FlaskForm):
    """Give a reflection back to change, with a comment."""

    comment = TextAreaField("What should the student change?", filters=[strip], render_kw={"rows": 3},
                            validators=[DataRequired("Please write a comment, so the student knows what to change."),
                                        Length(max=2000, message="Use 2,000 characters or fewer.")])
