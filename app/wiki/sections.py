"""What the wiki adds to other pages (``app.slots``): the class home's wiki card."""
from __future__ import annotations

from app import slots


@slots.section(slots.CLASS_HOME, "wiki/_class_home.html", order=40)
def class_home(classroom, user, teacher: bool) -> dict:
    """The card needs no data (no query)."""
    return {}
