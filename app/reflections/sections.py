"""What reflections add to other pages (``app.slots``): the class home's card, the box
above a thread, the links on a prompt's page after its chat."""
from __future__ import annotations

from app import clock, slots

from . import services


@slots.section(slots.CLASS_HOME, "reflections/_class_card.html", order=30)
def class_home(classroom, user, teacher: bool) -> list:
    """The reflections a student still has to write (two queries; none for teachers)."""
    return [] if teacher else services.to_do(classroom, user, clock.now())


@slots.section(slots.THREAD, "reflections/_thread_box.html", order=10)
def thread_box(thread, user, teacher: bool, rules) -> services.Box | None:
    """The thread's reflection with the user's own (one query); teachers always see the box."""
    box = services.thread_box(thread.id, user)
    return box if box.assignment is not None or teacher else None


@slots.section(slots.AFTER_CHAT, "reflections/_prompt_link.html")
def after_chat(prompt, user, teacher: bool) -> list:
    """The student's reflections on the prompt's topics they wrote in (one query; none for teachers)."""
    return [] if teacher else services.prompt_links(prompt, user.id)
