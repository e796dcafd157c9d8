"""Corrections: the class's codes, adding a correction to a text, the writer's answers, and
finding the words again when the text changes.

A "text" is a forum post or a reflection (``Text``). After any change to a text or its
corrections, ``refresh`` renders the text's marked HTML again (``MarkedText``), so pages
only read it.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy import delete, insert, select

from app import clock, hooks, rendering
from app.classes.models import Membership, Role
from app.extensions import db
from app.forum.models import Notification, Post
from app.reflections.models import Assignment, Reflection

from . import anchoring, codes, marking, urls
from .models import Correction, CorrectionCode, MarkedText


@dataclass(frozen=True)
class Text:
    """A text that can be corrected."""

    #: "post" or "reflection".
    kind: str
    id: int
    classroom_id: int
    author_id: int
    source: str
    html: str
    #: The thread it belongs to (a reflection's: the thread it is about).
    thread_id: int
    #: The page that lists its corrections.
    page: str

    @property
    def column(self):
        return Correction.post_id if self.kind == "post" else Correction.reflection_id

    @property
    def marked_column(self):
        return MarkedText.post_id if self.kind == "post" else MarkedText.reflection_id


def post_text(post: Post) -> Text:
    return Text("post", post.id, post.classroom_id, post.author_id, post.source, post.html, post.thread_id,
                urls.post_page(post.classroom_id, post.id))


def reflection_text(reflection: Reflection, assignment: Assignment) -> Text:
    return Text("reflection", reflection.id, reflection.classroom_id, reflection.student_id, reflection.source,
                reflection.html, assignment.thread_id,
                urls.reflection_page(reflection.classroom_id, reflection.assignment_id, reflection.student_id))


# -- codes -------------------------------------------------------------------------------

def class_codes(classroom_id: int) -> list[CorrectionCode]:
    """The codes the class's teachers added, oldest first (one query)."""
    return list(db.session.scalars(select(CorrectionCode).where(CorrectionCode.classroom_id == classroom_id)
                                   .order_by(CorrectionCode.id)))


def codes_of(classroom_id: int) -> list[codes.Code]:
    """Every code the class uses: the defaults, then its own (one query)."""
    return [*codes.DEFAULTS, *(codes.Code(c.code, c.name, c.explanation) for c in class_codes(classroom_id))]


def add_code(classroom_id: int, code: str, name: str, explanation: str) -> CorrectionCode | None:
    """Add a class code; None when the class already has one with these letters."""
    taken = {c.code.casefold() for c in codes_of(classroom_id)}
    if code.casefold() in taken:
        return None
    row = CorrectionCode(classroom_id=classroom_id, code=code, name=name, explanation=explanation)
    db.session.add(row)
    db.session.flush()
    return row


def _of_class(model, classroom_id: int, row_id: int):
    """The row of ``model`` with this id in the class, or 404."""
    row = db.session.get(model, row_id)
    if row is None or row.classroom_id != classroom_id:
        abort(404)
    return row


def get_code(classroom_id: int, code_id: int) -> CorrectionCode:
    """The class's own code, or 404."""
    return _of_class(CorrectionCode, classroom_id, code_id)


# -- corrections ---------------------------------------------------------------------------

class NotFound(Exception):
    """The words are not in the text (that many times); ``str(error)`` says so plainly."""


def corrections_of(text: Text) -> list[Correction]:
    """The text's corrections in the order of the text (one query)."""
    return list(db.session.scalars(select(Correction).where(text.column == text.id)
                                   .order_by(Correction.start, Correction.id)))


def add(text: Text, teacher, *, words: str, occurrence: int, code: str, better: str = "",
        comment: str = "") -> Correction:
    """Correct ``words`` (their ``occurrence``-th place, from 1) in the text. Raises NotFound."""
    anchor = anchoring.find(text.source, words, occurrence)
    if anchor is None:
        count = len(anchoring.occurrences(text.source, words.strip()))
        raise NotFound(f"These words appear {count} time{'s' if count != 1 else ''} in the text. "
                       "Copy them exactly, or choose another number."
                       if count else "These words are not in the text. Copy them exactly as the student wrote them.")
    correction = Correction(
        classroom_id=text.classroom_id, student_id=text.author_id, teacher_id=teacher.id, code=code,
        better=better, comment=comment, quote=anchor.quote, start=anchor.start, before=anchor.before,
        after=anchor.after, created_at=clock.now(),
        **({"post_id": text.id} if text.kind == "post" else {"reflection_id": text.id}))
    db.session.add(correction)
    db.session.flush()
    notify(text, "correction" if text.kind == "post" else "corr_refl", [text.author_id], teacher.id)
    refresh(text)
    return correction


def get_correction(classroom_id: int, correction_id: int) -> Correction:
    """The class's correction, or 404."""
    return _of_class(Correction, classroom_id, correction_id)


def answer(correction: Correction, text: Text, user, value: str) -> None:
    """The writer says "I fixed it" (``fixed``), "I don't understand" (``unclear``, which tells
    the teacher), or takes the answer back (``""``)."""
    correction.answer = value
    correction.answered_at = clock.now() if value else None
    if value == "fixed" and correction.fixed_at is None:
        correction.fixed_at = clock.now()
    elif value != "fixed" and correction.state != "fixed":
        correction.fixed_at = None
    if value == "unclear":
        notify(text, "unclear" if text.kind == "post" else "uncl_refl", _teachers_to_tell(correction), user.id)
    db.session.flush()
    refresh(text)


def remove(correction: Correction, text: Text) -> None:
    """A teacher takes a correction back."""
    db.session.delete(correction)
    db.session.flush()
    refresh(text)


def _teachers_to_tell(correction: Correction) -> list[int]:
    """The teacher who made the correction, or (when they left) every teacher of the class."""
    teachers = list(db.session.scalars(select(Membership.user_id).where(
        Membership.classroom_id == correction.classroom_id, Membership.role == Role.TEACHER)))
    return [correction.teacher_id] if correction.teacher_id in teachers else teachers


def notify(text: Text, kind: str, user_ids: list[int], actor_id: int) -> None:
    """One in-app notification per person about the text, unless one is still unread.

    A notification points at a post: a reflection's points at its thread's opening post
    (``notifications.TARGETS`` opens the reflection's corrections instead)."""
    post_id = text.id if text.kind == "post" else db.session.scalar(
        select(Post.id).where(Post.thread_id == text.thread_id, Post.depth == 0))
    targets = sorted(set(user_ids) - {actor_id})
    if post_id is None or not targets:
        return
    unread = set(db.session.scalars(select(Notification.user_id).where(
        Notification.post_id == post_id, Notification.kind == kind, Notification.read_at.is_(None),
        Notification.actor_id == actor_id, Notification.user_id.in_(targets))))
    rows = [{"user_id": uid, "kind": kind, "post_id": post_id, "actor_id": actor_id, "created_at": clock.now()}
            for uid in targets if uid not in unread]
    if rows:
        db.session.execute(insert(Notification), rows)


# -- the marked text ----------------------------------------------------------------------

def refresh(text: Text) -> None:
    """Render the text's marked HTML again and keep it (or drop it when there are no corrections)."""
    found = corrections_of(text)
    db.session.execute(delete(MarkedText).where(text.marked_column == text.id))
    if not found:
        return
    names = {c.code: c for c in codes_of(text.classroom_id)}
    marks = []
    for c in found:
        if c.state != "open":
            continue
        anchor = anchoring.Anchor(c.start, c.quote, c.before, c.after)
        code = names.get(c.code)
        label = f"correction: {c.code}" + (f", {code.name}" if code else "")
        marks.append(marking.Mark(c.id, c.quote, anchoring.occurrence_of(text.source, anchor),
                                  urls.anchor(c.id), label))
    db.session.add(MarkedText(html=marking.mark(text.html, marks), total=len(found),
                              open=sum(1 for c in found if not c.is_fixed and c.state == "open"),
                              **({"post_id": text.id} if text.kind == "post" else {"reflection_id": text.id})))
    db.session.flush()


def marked_html(text: Text) -> str | None:
    """The stored marked HTML of the text, or None when it has no corrections."""
    return db.session.scalar(select(MarkedText.html).where(text.marked_column == text.id))


def find_again(text: Text) -> None:
    """After the text changed: find each open correction's words again (``anchoring.relocate``)."""
    found = [c for c in corrections_of(text) if c.state == "open"]
    if not found and marked_html(text) is None:
        return
    for c in found:
        placed = anchoring.relocate(anchoring.Anchor(c.start, c.quote, c.before, c.after), text.source)
        if placed.state == "here":
            c.start, c.before, c.after = placed.anchor.start, placed.anchor.before, placed.anchor.after
        elif placed.state == "fixed":
            c.state, c.now_reads, c.fixed_at = "fixed", placed.now[:300], c.fixed_at or clock.now()
        else:
            c.state = "changed"
    db.session.flush()
    refresh(text)


@hooks.text_changed.connect
def _text_changed(obj, **_) -> None:
    """A post or a reflection was changed (``hooks.text_changed``)."""
    if isinstance(obj, Post):
        if db.session.scalar(select(Correction.id).where(Correction.post_id == obj.id).limit(1)) is not None:
            find_again(post_text(obj))
    elif isinstance(obj, Reflection):
        if db.session.scalar(select(Correction.id).where(Correction.reflection_id == obj.id).limit(1)) is not None:
            assignment = db.session.get(Assignment, obj.assignment_id)
            find_again(reflection_text(obj, assignment))




def mark_all_again() -> int:
    """Render every marked text again (after ``flask rerender`` changed the HTML); returns how many."""
    n = 0
    for post_id, reflection_id in db.session.execute(select(MarkedText.post_id, MarkedText.reflection_id)).all():
        if post_id is not None:
            refresh(post_text(db.session.get(Post, post_id)))
        else:
            reflection = db.session.get(Reflection, reflection_id)
            refresh(reflection_text(reflection, db.session.get(Assignment, reflection.assignment_id)))
        n += 1
    return n


rendering.after("marked texts (corrections)", mark_all_again)
