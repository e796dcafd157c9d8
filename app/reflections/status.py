"""When a reflection opens, whether it is late, and what state it is in.

Plain functions over the models, so the student page, the grading queue and
the gradebook all say the same thing.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from app.prompts.models import Prompt
from app.prompts.services import chat_ends_at

from .models import Assignment, Grade, Reflection

NOT_STARTED, DRAFT, SUBMITTED, LATE, RETURNED, GRADED = "not started", "draft", "submitted", "late", "returned", "graded"


def opens_at(assignment: Assignment, prompt: Prompt | None) -> datetime | None:
    """When students can start: the teacher's time, else the chat's end, else the prompt's closing; None is at once."""
    if assignment.opens_at is not None:
        return assignment.opens_at
    if prompt is None:
        return None
    if prompt.chat_at is not None:
        return chat_ends_at(prompt)
    return prompt.closes_at


def is_open(assignment: Assignment, prompt: Prompt | None, now: datetime) -> bool:
    start = opens_at(assignment, prompt)
    return start is None or now >= start


def lateness(assignment: Assignment, submitted_at: datetime | None) -> timedelta | None:
    """How late a submission was (None when on time, not submitted, or no due time)."""
    if submitted_at is None or assignment.due_at is None or submitted_at <= assignment.due_at:
        return None
    return submitted_at - assignment.due_at


def is_graded(reflection: Reflection | None, grade: Grade | None) -> bool:
    """The grade is released, and was released after the last time the reflection was returned for revision."""
    if grade is None or grade.released_at is None:
        return False
    return reflection is None or reflection.returned_at is None or grade.released_at > reflection.returned_at


def can_change(assignment: Assignment, reflection: Reflection | None, grade: Grade | None, now: datetime) -> bool:
    """A student may change their reflection until it is graded or (once submitted) the due time passes.

    A draft can always be finished and submitted late; a returned reflection
    can be changed again whatever the time.
    """
    if is_graded(reflection, grade):
        return False
    if reflection is None or reflection.submitted_at is None:
        return True
    return assignment.due_at is None or now <= assignment.due_at


def state(assignment: Assignment, reflection: Reflection | None, grade: Grade | None) -> str:
    """What a student (and the queue) calls it: not started, draft, submitted, late, returned, graded.

    ``graded`` only once the grade is released: before that a student sees
    "submitted" (or "late"), so an unreleased grade never shows.
    """
    if is_graded(reflection, grade):
        return GRADED
    if reflection is None:
        return NOT_STARTED
    if reflection.submitted_at is None:
        return RETURNED if reflection.returned_at is not None else DRAFT
    return LATE if lateness(assignment, reflection.submitted_at) else SUBMITTED


def needs_grading(reflection: Reflection | None, grade: Grade | None) -> bool:
    """Submitted and not yet graded (or resubmitted after the last grade was saved)."""
    if reflection is None or reflection.submitted_at is None:
        return False
    return grade is None or not grade.complete or grade.saved_at < reflection.submitted_at


def describe_lateness(delta: timedelta) -> str:
    """"2 days 3 hours late", "40 minutes late": short words for the student and the queue."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if not days and (minutes or not parts):
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts) + " late"


LABELS = {NOT_STARTED: "not started", DRAFT: "draft", SUBMITTED: "handed in", LATE: "handed in late",
          RETURNED: "returned for revision", GRADED: "graded"}


def label(state_name: str) -> str:
    """The words students and teachers see for a state ("handed in", not "submitted")."""
    return LABELS.get(state_name, state_name)
