"""Loading a corrected text for a page (404 for what the user may not see), and what its
list of corrections shows."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_login import current_user
from markupsafe import Markup

from app.classes.models import Classroom
from app.forum.routes.loaders import readable_post
from app.grading import services as grading_services
from app.permissions import is_teacher
from app.reflections import services as reflection_services

from . import access, codes, services
from .models import Correction


@dataclass
class Item:
    """One correction as a list shows it."""

    correction: Correction
    code: codes.Code | None


@dataclass
class Corrected:
    """A text with its corrections, for the writer and the class's teachers."""

    text: services.Text
    #: The HTML to show (with marks), or None when the text is not shown (a draft, to a teacher).
    html: Markup | None
    items: list[Item]
    #: The viewer may add corrections.
    can_correct: bool
    #: The viewer wrote it (and answers the corrections).
    mine: bool
    title: str
    #: Where the text is read in its place (the thread, or the reflection).
    back_url: str


def items_of(classroom_id: int, corrections: list[Correction], known: list[codes.Code] | None = None) -> list[Item]:
    by_code = {c.code: c for c in (known if known is not None else services.codes_of(classroom_id))}
    return [Item(c, by_code.get(c.code)) for c in corrections]


def post_text(classroom: Classroom, post_id: int) -> services.Text:
    """A post whose corrections the user may see, or 404 (the thread's reading rules first)."""
    post, _ = readable_post(classroom, post_id)
    if post.deleted or not access.can_see_corrections(current_user, post.author_id, is_teacher()):
        abort(404)
    return services.post_text(post)


def reflection_text(classroom: Classroom, assignment_id: int, student_id: int):
    """(assignment, thread, reflection, text) of a reflection whose corrections the user may see, or 404."""
    teacher = is_teacher()
    assignment, thread, _, _ = reflection_services.readable_assignment(classroom, assignment_id, current_user, teacher)
    if not access.can_see_corrections(current_user, student_id, teacher):
        abort(404)
    if current_user.id != student_id:
        grading_services.get_student(classroom, student_id)
    reflection, _ = reflection_services.work_of(assignment, student_id)
    if reflection is None:
        abort(404)
    return assignment, thread, reflection, services.reflection_text(reflection, assignment)


def text_of_correction(classroom: Classroom, correction: Correction) -> services.Text:
    """The text a correction is about, through the same loaders (404 for whoever may not see it)."""
    if correction.post_id is not None:
        return post_text(classroom, correction.post_id)
    from app.extensions import db
    from app.reflections.models import Reflection

    reflection = db.session.get(Reflection, correction.reflection_id)
    return reflection_text(classroom, reflection.assignment_id, reflection.student_id)[3]


def corrected(text: services.Text, *, shown: bool, title: str, back_url: str) -> Corrected:
    """Everything a text's corrections page shows (three queries)."""
    html = services.marked_html(text) if shown else None
    if shown and html is None:
        html = text.html
    teacher = is_teacher()
    return Corrected(text, Markup(html) if html is not None else None, items_of(text.classroom_id,
                     services.corrections_of(text)), access.can_correct(current_user, text.author_id, teacher) and shown,
                     current_user.id == text.author_id, title, back_url)
