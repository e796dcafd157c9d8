"""The "Invite students" form: pasted addresses or a CSV file."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import TextAreaField
from wtforms.validators import Length

from .parsing import MAX_ROWS, MAX_TEXT


class InviteForm(FlaskForm):
    addresses = TextAreaField(
        "Email addresses",
        validators=[Length(max=MAX_TEXT, message=f"This is too long. Invite at most {MAX_ROWS} people at a time.")],
        description=(f"One or more, separated by commas, spaces or new lines. You can add a name: "
                     f"Ana Silva <ana@example.com>. At most {MAX_ROWS} at a time."),
        render_kw={"rows": 6, "autocomplete": "off", "spellcheck": "false"},
    )
    file = FileField(
        "Or upload a CSV file",
        description='With a column "Email" and, if you like, "Name" (or "First name" and "Last name"). '
                    'Commas or semicolons; "CSV UTF-8" from a spreadsheet works.',
        render_kw={"accept": ".csv,text/csv"},
    )
