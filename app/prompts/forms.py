"""Prompt forms. Times are typed in the teacher's time zone (``time_zone``)."""
from __future__ import annotations

from flask import request
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.forms import strip
from app.timezones import to_local, to_utc, viewer_zone, zone_choices
from app.writing import OnceForm, editor_field

MAX_TOPICS = 6
MIN_TOPICS = 2


def when_field(label: str, description: str = "") -> DateTimeLocalField:
    return DateTimeLocalField(label, format="%Y-%m-%dT%H:%M", validators=[Optional()], description=description or None)


def count_field(label: str, description: str, maximum: int = 5000) -> IntegerField:
    return IntegerField(label, validators=[Optional(), NumberRange(0, maximum, f"Use a number from 0 to {maximum}.")],
                        description=description, default=0)


class TopicForm(Form):
    """One topic row (left empty: no topic)."""

    id = HiddenField()
    title = StringField("Topic title", validators=[Length(max=150, message="Use 150 characters or fewer.")],
                        filters=[strip])
    description = TextAreaField("Topic description", validators=[Length(max=500, message="Use 500 characters or fewer.")],
                                description="Optional. What to write about.", filters=[strip], render_kw={"rows": 2})


def https_only(form, field) -> None:
    if field.data and not field.data.startswith("https://"):
        raise ValidationError("Please give a link that starts with https://")


class PromptForm(OnceForm):
    """Create or edit a prompt."""

    title = StringField("Title", validators=[DataRequired("Please give the prompt a title."),
                                             Length(max=150, message="Use 150 characters or fewer.")], filters=[strip])
    instructions = editor_field("Instructions", required=False,
                                description="Optional. What students should do, in plain words.")
    topics = FieldList(FormField(TopicForm), min_entries=MAX_TOPICS, max_entries=MAX_TOPICS)
    starters = TextAreaField("Sentence starters", filters=[strip], render_kw={"rows": 4},
                             validators=[Length(max=2000, message="Use 2,000 characters or fewer.")],
                             description="Optional. One per line, for example “I agree with … because …”.")
    time_zone = SelectField("Time zone of these times", choices=zone_choices(), default=viewer_zone)
    opens_at = when_field("Opens", "Optional. Students see the prompt from this time.")
    closes_at = when_field("Closes", "Optional. After this time students can read but not write.")
    min_words_first = count_field("Words in the first post", "At least this many words. 0 means no minimum.")
    replies_required = count_field("Replies to classmates", "How many replies each student writes.", 50)
    min_words_reply = count_field("Words in each reply", "At least this many words. 0 means no minimum.")
    min_voice_seconds = count_field("Seconds of speaking",
                                    "A voice reply of at least this many seconds (the student's longest recording). "
                                    "0 means no recording is needed.", 600)
    voice_seconds_max = IntegerField("Longest recording in seconds", default=180,
                                     validators=[Optional(), NumberRange(10, 600, "Use a number from 10 to 600.")],
                                     description="Students can record up to this long. 180 is 3 minutes.")
    transcript_required = BooleanField("A recording needs its transcript (students type what they said)")
    first_post_due = when_field("First post due", "Optional.")
    replies_due = when_field("Replies due", "Optional.")
    post_first = BooleanField("Students post before they see classmates’ posts")
    names_hidden = BooleanField("Hide names from classmates (students see “Classmate 1, 2 …”)")
    one_topic = BooleanField("Students write in one topic only")
    chat_at = when_field("Live chat starts", "Optional. For a call on Skype, Zoom, Teams, Jitsi …")
    chat_minutes = count_field("Live chat length in minutes", "For example 45.", 600)
    chat_url = URLField("Live chat link", validators=[Optional(), Length(max=500), https_only], filters=[strip],
                        description="A link that starts with https://")
    confirm_archive = BooleanField("Yes, remove these topics. Their posts are kept but the topics are archived.")

    #: Topic rows shown open; the others wait behind "Add a topic" (all of them are in the form).
    SHOWN_TOPICS = 2

    def shown_topics(self) -> int:
        """How many topic rows to show open: two, or up to the last one that has text or an error."""
        used = [i for i, entry in enumerate(self.topics.entries)
                if entry.form.title.data or entry.form.description.data or entry.errors]
        return max(self.SHOWN_TOPICS, used[-1] + 1 if used else 0)

    @property
    def publish_now(self) -> bool:
        """The teacher pressed "Save and publish"."""
        return bool(request.form.get("publish_now"))

    def topic_inputs(self):
        """The filled-in topic rows as ``services.TopicInput``."""
        from .services import TopicInput

        found = []
        for entry in self.topics.entries:
            if entry.form.title.data:
                raw = entry.form.id.data
                found.append(TopicInput(int(raw) if raw and raw.isdigit() else None, entry.form.title.data,
                                        entry.form.description.data or ""))
        return found

    def validate_topics(self, field) -> None:
        count = sum(1 for e in field.entries if e.form.title.data)
        if not MIN_TOPICS <= count <= MAX_TOPICS:
            raise ValidationError(f"Please give from {MIN_TOPICS} to {MAX_TOPICS} topics. Now there {'is' if count == 1 else 'are'} {count}.")

    def validate_closes_at(self, field) -> None:
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError("The closing time must be after the opening time.")

    def validate_chat_url(self, field) -> None:
        if self.chat_at.data and not field.data:
            raise ValidationError("Please give the link for the live chat.")

    def values(self) -> dict:
        """The prompt's fields, with times converted to UTC."""
        zone = self.time_zone.data
        data = {name: getattr(self, name).data for name in (
            "title", "instructions", "starters", "time_zone", "post_first", "names_hidden", "one_topic", "chat_url",
            "transcript_required")}
        for name in ("opens_at", "closes_at", "first_post_due", "replies_due", "chat_at"):
            data[name] = to_utc(getattr(self, name).data, zone)
        for name in ("min_words_first", "replies_required", "min_words_reply", "chat_minutes", "min_voice_seconds"):
            data[name] = getattr(self, name).data or 0
        data["voice_seconds_max"] = max(self.voice_seconds_max.data or 180, data["min_voice_seconds"])
        data["chat_url"] = data["chat_url"] or ""
        data["starters"] = data["starters"] or ""
        return data

    def fill(self, prompt) -> None:
        """Show the prompt's values (times in its time zone) on a GET."""
        for name in ("title", "starters", "time_zone", "min_words_first", "replies_required", "min_words_reply",
                     "post_first", "names_hidden", "one_topic", "chat_minutes", "chat_url", "min_voice_seconds",
                     "voice_seconds_max", "transcript_required"):
            getattr(self, name).data = getattr(prompt, name)
        self.instructions.data = prompt.instructions_source
        for name in ("opens_at", "closes_at", "first_post_due", "replies_due", "chat_at"):
            getattr(self, name).data = to_local(getattr(prompt, name), prompt.time_zone)
        active = [t for t in prompt.topics if not t.archived]
        for entry, topic in zip(self.topics.entries, active, strict=False):
            entry.form.id.data = str(topic.id)
            entry.form.title.data = topic.title
            entry.form.description.data = topic.description


class ExtensionForm(FlaskForm):
    """More time for one student."""

    student = SelectField("Student", coerce=int, validate_choice=True)
    closes_at = DateTimeLocalField("New closing time for this student", format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired("Please give the new closing time.")])
    time_zone = SelectField("Time zone of this time", choices=zone_choices(), default=viewer_zone)
