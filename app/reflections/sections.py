"""What reflections add to other pages (``app.slots``): the class home's card, the box
above a thread, the links on a prompt's page after its chat."""
from __future__ import annotations

from flask import url_for

from app import clock, slots

from . import services, status


def _to_do(classroom, user) -> list:
    return slots.shared(("reflections to do", classroom.id, user.id),
                        lambda: services.to_do(classroom, user, clock.now()))


@slots.section(slots.CLASS_HOME, "reflections/_class_card.html", order=30)
def class_home(classroom, user, teacher: bool) -> list:
    """The reflections a student still has to write (two queries; none for teachers)."""
    return [] if teacher else _to_do(classroom, user)


STEP_WORDS = {status.NOT_STARTED: "Write your reflection on “{}”", status.DRAFT: "Finish your reflection on “{}”",
              status.RETURNED: "Change your reflection on “{}”: your teacher sent it back"}


@slots.section(slots.NEXT_STEPS, "reflections", order=30)
def next_steps(classroom, user, teacher: bool) -> list[slots.Step]:
    """Students: each reflection still to write (the same rows as the card: no more queries)."""
    if teacher:
        return []
    return [slots.Step(STEP_WORDS[row.state].format(row.title),
                       url_for("reflections.write", class_id=classroom.id, assignment_id=row.assignment.id),
                       row.assignment.due_at, "file-text", row.prompt.time_zone if row.prompt else "UTC")
            for row in _to_do(classroom, user)]


@slots.section(slots.THREAD, "reflections/_thread_box.html", order=20)
def thread_box(thread, user, teacher: bool, rules, opening=None) -> services.Box | None:
    """The thread's reflection with the user's own (one query). Teachers always see the box;
    a student once it applies: not before their first post in a topic (unless they started it)."""
    box = services.thread_box(thread.id, user)
    if teacher:
        return box
    if box.assignment is None or (rules.first_post and box.reflection is None):
        return None
    return box


@slots.section(slots.AFTER_CHAT, "reflections/_prompt_link.html")
def after_chat(prompt, user, teacher: bool) -> list:
    """The student's reflections on the prompt's topics they wrote in (one query; none for teachers)."""
    return [] if teacher else services.prompt_links(prompt, user.id)
