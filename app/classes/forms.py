"""Class forms."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length


class ClassForm(FlaskForm):
    name = StringField(
        "Class name",
        validators=[DataRequired("Please give the class a name."), Length(max=100, message="Use 100 characters or fewer.")],
    )
    description = TextAreaField(
        "Short description",
        validators=[Length(max=500, message="Use 500 characters or fewer.")],
        description="Optional. Students see it on the class page.",
        render_kw={"rows": 3},
    )


class JoinForm(FlaskForm):
    code = StringField(
        "Join code",
        validators=[DataRequired("Please type the join code from your teacher.")],
        description="8 letters and numbers, for example KX7P4MWQ.",
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
