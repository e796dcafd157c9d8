"""What the forum adds to other pages (``app.slots``): the class home's list of forums, and
open reports in a teacher's "Needs your attention"."""
from __future__ import annotations

from flask import url_for

from app import slots

from . import moderation, rules, threads


@slots.section(slots.CLASS_HOME, "forum/_class_home.html", order=20)
def class_home(classroom, user, teacher: bool) -> list[threads.ForumSummary]:
    """The class's forums this user sees, with thread and new-post counts (two queries at most)."""
    return rules.visible_summaries(classroom.id, threads.class_forums(classroom, user), user, teacher)


@slots.section(slots.NEXT_STEPS, "forum", order=15)
def next_steps(classroom, user, teacher: bool) -> list[slots.Step]:
    """Teachers: posts that students reported (one query; none for students)."""
    if not teacher:
        return []
    count = moderation.open_report_count(classroom)
    if not count:
        return []
    return [slots.Step(f"Look at {count} report{'s' if count != 1 else ''} about posts",
                       url_for("forum.queue", class_id=classroom.id), icon="flag")]
