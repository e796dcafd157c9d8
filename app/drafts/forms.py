"""The autosave form: the editor's key and text (the browser sends nothing else)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField


class AutosaveForm(FlaskForm):
    """What the editor posts while the user types; checked and bounded in ``services.autosave``."""

    key = StringField()
    text = TextAreaField()
