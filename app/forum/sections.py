"""What the forum adds to other pages (``app.slots``): the class home's list of forums."""
from __future__ import annotations

from app import slots

from . import rules, threads


@slots.section(slots.CLASS_HOME, "forum/_class_home.html", order=20)
def class_home(classroom, user, teacher: bool) -> list[threads.ForumSummary]:
    """The class's forums this user sees, with thread and new-post counts (two queries at most)."""
    return rules.visible_summaries(classroom.id, threads.class_forums(classroom, user), user, teacher)
