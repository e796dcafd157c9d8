"""The e-mail settings forms: one per class, and the digest."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField
from wtforms.fields.choices import SelectChoice

from app.mail.rules import DEFAULT_DIGEST

#: The words for each kind, on the settings page and in unsubscribe pages.
LABELS = {
    "reply": "Someone replies to my post",
    "mention": "Someone writes my name with @",
    "grade": "My teacher releases a grade for my reflection",
    "returned": "My teacher gives my reflection back to change",
    "report": "Someone reports a post (teachers)",
    "reminder": "The day before something is due, if I have not done it yet",
    "opened": "A discussion opens",
    "digest": "The digest of what is new in my classes",
}


class ClassEmailForm(FlaskForm):
    """Which right-away e-mails one class sends me."""

    reply = BooleanField(LABELS["reply"])
    mention = BooleanField(LABELS["mention"])
    grade = BooleanField(LABELS["grade"])
    returned = BooleanField(LABELS["returned"])
    report = BooleanField(LABELS["report"])
    reminder = BooleanField(LABELS["reminder"])
    opened = BooleanField(LABELS["opened"])


class DigestForm(FlaskForm):
    """How often the digest comes."""

    frequency = RadioField(
        "Send me the digest", default=DEFAULT_DIGEST,
        choices=[SelectChoice("daily", "Every day"), SelectChoice("weekly", "Every week"),
                 SelectChoice("never", "Never")],
        description="New discussions, replies to you and the threads you follow, in one email.")
