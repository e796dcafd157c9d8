"""Reflection forms: the settings (with the rubric editor) and the student's reflection.

The rubric editor works without JavaScript: its rows are plain fields, and the
"Add a criterion" / "Add a level" buttons send the form back with one more row.
"""
from __future__ import annotations

from types import SimpleNamespace

from wtforms import FieldList, Form, FormField, IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from app.forms import strip
from app.prompts.forms import count_field, when_field
from app.timezones import to_local, to_utc, zone_choices
from app.writing import MinWords, OnceForm, TextForm, editor_field

from .services import Settings

MAX_CRITERIA, MAX_LEVELS = 10, 8
#: The buttons of the settings form (``action``); only "save" stores anything.
ACTIONS = ("save", "add_criterion", "add_level", "default_rubric", "use_template", "save_template", "follow_prompt")


class LevelForm(Form):
    """One level of a criterion (left empty: no level)."""

    description = StringField("Description", filters=[strip],
                              validators=[Length(max=300, message="Use 300 characters or fewer.")])
    points = IntegerField("Points", validators=[Optional(), NumberRange(0, 1000, "Use a number from 0 to 1000.")])

    def is_blank(self) -> bool:
        typed = (self.points.raw_data or [""])[0] if self.points.raw_data else ""
        return not self.description.data and self.points.data is None and not str(typed).strip()


class CriterionForm(Form):
    """One criterion with its levels (left empty: no criterion)."""

    title = StringField("Name of the criterion", filters=[strip],
                        validators=[Length(max=100, message="Use 100 characters or fewer.")])
    levels = FieldList(FormField(LevelForm), max_entries=MAX_LEVELS + 1)

    def is_blank(self) -> bool:
        return not self.title.data and all(level.form.is_blank() for level in self.levels)


class SettingsForm(TextForm):
    """A reflection assignment's settings (a thread's, or a prompt's for all its topics)."""

    instructions = editor_field("Instructions", description="What students should write about.")
    time_zone = SelectField("Time zone of these times", choices=zone_choices(), default="UTC")
    opens_at = when_field("Opens")
    due_at = when_field("Due", "Optional. Reflections handed in later are marked late.")
    min_words = count_field("Minimum words", "Students cannot hand in a shorter reflection. 0 means no minimum.")
    points = count_field("Points", "Used only when the rubric is empty.", 1000)
    criteria = FieldList(FormField(CriterionForm), max_entries=MAX_CRITERIA + 1)
    template_id = SelectField("Saved rubric", coerce=int, validate_choice=False, choices=[])
    template_name = StringField("Name for this rubric", filters=[strip],
                                validators=[Length(max=100, message="Use 100 characters or fewer.")],
                                description="For example “Reflection rubric, level B1”.")

    # -- the rubric rows ---------------------------------------------------------

    def rubric(self) -> list[dict]:
        """The criteria as typed, leaving out empty rows."""
        found = []
        for entry in self.criteria:
            levels = [{"description": level.form.description.data or "", "points": level.form.points.data}
                      for level in entry.form.levels if not level.form.is_blank()]
            if entry.form.title.data or levels:
                found.append({"title": entry.form.title.data or "", "levels": levels})
        return found

    def show_rubric(self, rubric: list[dict]) -> None:
        """Replace the rows with this rubric's."""
        while self.criteria.entries:
            self.criteria.pop_entry()
        for criterion in rubric[:MAX_CRITERIA]:
            levels = [SimpleNamespace(**level) for level in criterion.get("levels", [])[:MAX_LEVELS]]
            self.criteria.append_entry(SimpleNamespace(title=criterion.get("title", ""), levels=levels))

    def add_criterion(self) -> None:
        if len(self.criteria.entries) <= MAX_CRITERIA:
            entry = self.criteria.append_entry()
            for _ in range(3):
                entry.form.levels.append_entry()

    def add_level(self, index: int) -> None:
        if 0 <= index < len(self.criteria.entries):
            levels = self.criteria.entries[index].form.levels
            if len(levels.entries) <= MAX_LEVELS:
                levels.append_entry()

    def blank_rows(self) -> None:
        """One empty level row under every criterion, and one empty criterion at the end;
        then number the rows' labels ("Level 2 points")."""
        for entry in self.criteria:
            levels = entry.form.levels
            if (not levels.entries or not levels.entries[-1].form.is_blank()) and len(levels.entries) < MAX_LEVELS:
                levels.append_entry()
        if (not self.criteria.entries or not self.criteria.entries[-1].form.is_blank()) \
                and len(self.criteria.entries) < MAX_CRITERIA:
            self.add_criterion()
        for i, entry in enumerate(self.criteria, start=1):
            entry.form.title.label.text = f"Name of criterion {i}"
            for j, level in enumerate(entry.form.levels, start=1):
                level.form.description.label.text = f"Level {j} description"
                level.form.points.label.text = f"Level {j} points"

    # -- values ----------------------------------------------------------------

    def settings(self) -> Settings:
        """The typed values, times in UTC."""
        zone = self.time_zone.data
        return Settings(instructions=self.instructions.data or "", opens_at=to_utc(self.opens_at.data, zone),
                        due_at=to_utc(self.due_at.data, zone), min_words=self.min_words.data or 0,
                        points=self.points.data or 0, rubric=self.rubric())

    def fill(self, stored, zone: str) -> None:
        """Show stored settings (an Assignment or PromptReflection) on a GET."""
        self.instructions.data = stored.instructions_source
        self.time_zone.data = zone
        self.opens_at.data = to_local(stored.opens_at, zone)
        self.due_at.data = to_local(stored.due_at, zone)
        self.min_words.data = stored.min_words
        self.points.data = stored.points
        self.show_rubric(stored.rubric or [])

    def validate_due_at(self, field) -> None:
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError("The due time must be after the opening time.")


class ReflectionForm(OnceForm):
    """A student's reflection."""

    body = editor_field("Your reflection", required=False)


def reflection_form(min_words: int, data: str | None = None) -> OnceForm:
    """The student's form. The word minimum is checked on handing in only (``check_words``)."""

    form = ReflectionForm()
    form.body.min_words = min_words or None  # shown by the counter; checked by ``check_words``
    if data is not None and not form.is_submitted():
        form.body.data = data
    return form


def check_words(form, minimum: int) -> bool:
    """Enough words to hand in? Otherwise the message goes next to the field."""
    if not (form.body.data or "").strip():
        form.body.errors = list(form.body.errors) + ["Please write something first."]
        return False
    try:
        MinWords(minimum)(form, form.body)
    except ValidationError as error:
        form.body.errors = list(form.body.errors) + [str(error)]
        return False
    return True
