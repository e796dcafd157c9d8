"""What corrections add to other features' pages: the marked words and the list of corrections
under each post of a thread (for its writer and the class's teachers), and the same beside the
rubric on the grading page. Each loader runs a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select

from app import slots
from app.extensions import db

from . import access, services, urls
from .forms import CorrectionForm
from .models import Correction, MarkedText
from .pages import Item, items_of


@dataclass
class PostPart:
    """A post's corrections on the thread page."""

    #: The post's HTML with the marks (None: no corrections, show the stored HTML).
    html: Markup | None
    items: list[Item]
    #: The corrections page of the post.
    page: str
    can_correct: bool
    mine: bool


@slots.section(slots.POSTS, "corrections/_post.html")
def thread_posts(thread, user, teacher: bool, posts) -> dict[int, PostPart] | None:
    """For the writer's own posts and (for a teacher) every post: marks and corrections (three
    queries when the page has such posts, none otherwise)."""
    ids = [p.id for p in posts if not p.deleted and access.can_see_corrections(user, p.author_id, teacher)]
    if not ids:
        return None
    marked = dict(db.session.execute(select(MarkedText.post_id, MarkedText.html)
                                     .where(MarkedText.post_id.in_(ids))).all())
    found: dict[int, list[Correction]] = {}
    for c in db.session.scalars(select(Correction).where(Correction.post_id.in_(ids))
                                .order_by(Correction.start, Correction.id)):
        found.setdefault(c.post_id, []).append(c)
    known = services.codes_of(thread.classroom_id)
    parts = {}
    for p in posts:
        if p.id not in ids:
            continue
        can_correct = access.can_correct(user, p.author_id, teacher)
        if p.id not in found and not can_correct:
            continue
        parts[p.id] = PostPart(Markup(marked[p.id]) if p.id in marked else None,
                               items_of(thread.classroom_id, found.get(p.id, []), known),
                               urls.post_page(thread.classroom_id, p.id), can_correct, p.author_id == user.id)
    return parts


@dataclass
class ReflectionPart:
    html: Markup | None
    items: list[Item]
    page: str
    form: CorrectionForm


@slots.section(slots.REFLECTION, "corrections/_grading.html")
def grading_reflection(reflection, assignment, user, teacher: bool) -> ReflectionPart | None:
    """The handed-in reflection's marks, its corrections, and the form to add one (three queries)."""
    if reflection is None or reflection.submitted_at is None or not access.can_correct(user, reflection.student_id, teacher):
        return None
    text = services.reflection_text(reflection, assignment)
    known = services.codes_of(reflection.classroom_id)
    html = services.marked_html(text)
    form = CorrectionForm(formdata=None).set_codes(known)
    form.back.data = "grading"
    return ReflectionPart(Markup(html) if html is not None else None,
                          items_of(reflection.classroom_id, services.corrections_of(text), known), text.page, form)
