"""The development outbox: every e-mail the app wrote, with its links (``make run`` only)."""
from __future__ import annotations

import re

from flask import render_template

from app.permissions import development_only

from . import bp, outbox

_LINK = re.compile(r"https?://[^\s<>\"')]+")


@bp.get("/outbox")
@development_only
def dev_outbox():
    """The 50 newest e-mails, newest first, with their text and links; 404 outside development."""
    emails = [(email, _LINK.findall(email.text_body)) for email in outbox.latest(50)]
    return render_template("mail/dev_outbox.html", emails=emails)
