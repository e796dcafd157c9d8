"""Reflection assignments: loading, settings (per thread and per prompt), rubric templates,
and the small lookups other pages show (the thread page's box, the class's list).

The student's own reflection (draft, hand in) is in ``student.py``.
Services add and flush; the request commits (app.unit_of_work).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime

from flask import abort
from sqlalchemy import and_, exists, func, select

from app import rendering
from app.classes.models import Classroom
from app.content import render
from app.extensions import db
from app.forum import rules as forum_rules
from app.forum.models import Post, Thread
from app.hooks import topic_added
from app.prompts import services as prompt_services
from app.prompts.models import Prompt, Topic
from app.prompts.rules import posted_in
from app.timezones import viewer_zone

from . import rubric as rubrics
from . import status
from .models import (
    DEFAULT_INSTRUCTIONS,
    Assignment,
    Grade,
    PromptReflection,
    Reflection,
    ReflectionVersion,
    RubricTemplate,
)

# -- loaders ------------------------------------------------------------------------

def get_assignment(classroom: Classroom, assignment_id: int) -> Assignment:
    """The class's assignment, or 404 (also for an assignment of another class)."""
    assignment = db.session.scalar(
        select(Assignment).where(Assignment.id == assignment_id, Assignment.classroom_id == classroom.id))
    if assignment is None:
        abort(404)
    return assignment


def assignment_context(assignment: Assignment) -> tuple[Thread, Prompt | None]:
    """The assignment's thread and, for a prompt's topic, its prompt (one query)."""
    row = db.session.execute(
        select(Thread, Prompt).outerjoin(Topic, Topic.thread_id == Thread.id)
        .outerjoin(Prompt, Prompt.id == Topic.prompt_id)
        .where(Thread.id == assignment.thread_id)).first()
    return row[0], row[1]


def readable_assignment(classroom: Classroom, assignment_id: int, user, teacher: bool
                        ) -> tuple[Assignment, Thread, Prompt | None, forum_rules.ThreadRules]:
    """The class's assignment with its thread, its prompt and ``user``'s rules in the thread; 404
    also when the thread page would not show the thread to ``user`` (a prompt not open yet, or a
    draft), so no page of the reflection shows what the thread is about."""
    assignment = get_assignment(classroom, assignment_id)
    thread, prompt = assignment_context(assignment)
    rules = forum_rules.rules_for(thread, user, teacher)
    if rules.hidden:
        abort(404)
    return assignment, thread, prompt, rules


def work_of(assignment: Assignment, student_id: int) -> tuple[Reflection | None, Grade | None]:
    """The student's reflection and grade for the assignment, each None when there is none (one query)."""
    row = db.session.execute(
        select(Reflection, Grade).select_from(Assignment)
        .outerjoin(Reflection, and_(Reflection.assignment_id == Assignment.id, Reflection.student_id == student_id))
        .outerjoin(Grade, and_(Grade.assignment_id == Assignment.id, Grade.student_id == student_id))
        .where(Assignment.id == assignment.id)).one()
    return row[0], row[1]


def versions(reflection: Reflection | None) -> list[ReflectionVersion]:
    """Earlier handed-in texts (returned for revision), newest first."""
    if reflection is None:
        return []
    return list(db.session.scalars(select(ReflectionVersion).where(ReflectionVersion.reflection_id == reflection.id)
                                   .order_by(ReflectionVersion.submitted_at.desc(), ReflectionVersion.id.desc())))


def assignment_of_thread(thread_id: int) -> Assignment | None:
    """The thread's assignment, or None when it has none."""
    return db.session.scalar(select(Assignment).where(Assignment.thread_id == thread_id))


def prompt_reflection(prompt: Prompt) -> PromptReflection | None:
    """The prompt's reflection settings, or None when it has none yet."""
    return db.session.get(PromptReflection, prompt.id)


def zone_of(prompt: Prompt | None) -> str:
    """The time zone a teacher types times in: the prompt's, else their own (UTC when unknown)."""
    return prompt.time_zone if prompt is not None else viewer_zone()


def default_opening(prompt: Prompt | None) -> tuple[str, datetime | None]:
    """What an empty "Opens" means here, in words, and that moment (None: at once)."""
    moment = status.opens_at(Assignment(opens_at=None), prompt)
    if prompt is not None and prompt.chat_at is not None:
        return "when the live chat ends", moment
    if prompt is not None and prompt.closes_at is not None:
        return "when the discussion closes", moment
    return "at once", None


# -- settings -----------------------------------------------------------------------

#: Copied as they are between the prompt's settings and each topic's assignment.
COPIED = ("instructions_source", "instructions_html", "opens_at", "due_at", "min_words", "points", "rubric")


@dataclass
class Settings:
    """What the teacher typed (times in UTC), ready to store."""

    instructions: str
    opens_at: datetime | None
    due_at: datetime | None
    min_words: int
    points: int
    rubric: list


def rubric_locked(assignment: Assignment | None) -> bool:
    """A grade uses the rubric: its criteria and levels can no longer change."""
    if assignment is None or assignment.id is None:
        return False
    return bool(db.session.scalar(select(exists().where(Grade.assignment_id == assignment.id))))


def prompt_rubric_locked(prompt: Prompt) -> bool:
    """A grade uses the rubric of a topic that follows the prompt's settings."""
    return bool(db.session.scalar(select(exists().where(
        Grade.assignment_id == Assignment.id, Assignment.prompt_id == prompt.id, Assignment.follows_prompt.is_(True)))))


def _store(target, settings: Settings, *, keep_rubric: bool) -> None:
    """Write the settings on an Assignment or a PromptReflection."""
    target.instructions_source = settings.instructions or DEFAULT_INSTRUCTIONS
    target.instructions_html = render(target.instructions_source, "post")
    target.opens_at, target.due_at, target.min_words = settings.opens_at, settings.due_at, settings.min_words
    if not keep_rubric:
        target.rubric = copy.deepcopy(settings.rubric)
    target.points = rubrics.max_points(target.rubric) if target.rubric else settings.points


def _copy(source, target, *, keep_rubric: bool) -> None:
    for name in COPIED:
        if name == "rubric" and keep_rubric:
            continue
        setattr(target, name, copy.deepcopy(getattr(source, name)))
    if keep_rubric and target.rubric:
        target.points = rubrics.max_points(target.rubric)


def save_settings(classroom: Classroom, thread: Thread, prompt: Prompt | None, settings: Settings,
                  assignment: Assignment | None = None) -> Assignment:
    """Attach an assignment to the thread, or change it. A topic's assignment stops following
    the prompt's settings. A locked rubric (``rubric_locked``) is kept as it is."""
    if assignment is None:
        assignment = Assignment(classroom_id=classroom.id, thread_id=thread.id,
                                prompt_id=prompt.id if prompt is not None else None)
        db.session.add(assignment)
    _store(assignment, settings, keep_rubric=rubric_locked(assignment))
    assignment.follows_prompt = False
    db.session.flush()
    return assignment


def follow_prompt(assignment: Assignment, prompt: Prompt) -> bool:
    """Use the prompt's settings again for this topic (False when the prompt has none)."""
    settings = prompt_reflection(prompt)
    if settings is None:
        return False
    _copy(settings, assignment, keep_rubric=rubric_locked(assignment))
    assignment.follows_prompt = True
    db.session.flush()
    return True


def save_prompt_settings(prompt: Prompt, settings: Settings) -> PromptReflection:
    """Set the prompt's reflection once: every topic that follows the prompt gets it (topics
    without an assignment get one). Topics a teacher changed alone keep their own settings."""
    stored = prompt_reflection(prompt)
    if stored is None:
        stored = PromptReflection(prompt_id=prompt.id)
        db.session.add(stored)
    locked = prompt_rubric_locked(prompt)
    _store(stored, settings, keep_rubric=locked)
    existing = {a.thread_id: a for a in db.session.scalars(
        select(Assignment).where(Assignment.thread_id.in_(prompt_services.topic_threads(prompt))))}
    for thread_id in prompt_services.topic_threads(prompt):
        assignment = existing.get(thread_id)
        if assignment is None:
            _add_following(prompt, stored, thread_id)
        elif assignment.follows_prompt:
            _copy(stored, assignment, keep_rubric=locked)
    db.session.flush()
    return stored


def _add_following(prompt: Prompt, settings: PromptReflection, thread_id: int) -> Assignment:
    assignment = Assignment(classroom_id=prompt.classroom_id, thread_id=thread_id, prompt_id=prompt.id,
                            follows_prompt=True)
    _copy(settings, assignment, keep_rubric=False)
    db.session.add(assignment)
    return assignment


def add_topic_assignment(topic: Topic, prompt: Prompt, **_) -> None:
    """Signal receiver: a topic added to a prompt with reflection settings gets its assignment."""
    settings = prompt_reflection(prompt)
    if settings is not None and assignment_of_thread(topic.thread_id) is None:
        _add_following(prompt, settings, topic.thread_id)
        db.session.flush()


topic_added.connect(add_topic_assignment)


# -- rubric templates ---------------------------------------------------------------

class NameTaken(Exception):
    """The class already has a rubric with this name."""


def class_templates(classroom: Classroom) -> list[RubricTemplate]:
    """The class's saved rubrics, by name."""
    return list(db.session.scalars(
        select(RubricTemplate).where(RubricTemplate.classroom_id == classroom.id).order_by(RubricTemplate.name)))


def get_template(classroom: Classroom, template_id: int) -> RubricTemplate:
    """The class's saved rubric, or 404."""
    template = db.session.scalar(select(RubricTemplate).where(
        RubricTemplate.id == template_id, RubricTemplate.classroom_id == classroom.id))
    if template is None:
        abort(404)
    return template


def save_template(classroom: Classroom, name: str, rubric: list) -> RubricTemplate:
    """Keep a rubric to use again. Raises NameTaken when the class has one with this name."""
    taken = db.session.scalar(select(exists().where(
        RubricTemplate.classroom_id == classroom.id, func.lower(RubricTemplate.name) == name.lower())))
    if taken:
        raise NameTaken(name)
    template = RubricTemplate(classroom_id=classroom.id, name=name, rubric=copy.deepcopy(rubric))
    db.session.add(template)
    db.session.flush()
    return template


def delete_template(template: RubricTemplate) -> None:
    """Forget a saved rubric (assignments that use it keep their copy)."""
    db.session.delete(template)
    db.session.flush()


# -- lists and boxes ----------------------------------------------------------------

@dataclass
class AssignmentRow:
    """An assignment as the class's list shows it."""

    assignment: Assignment
    title: str
    prompt: Prompt | None
    reflection: Reflection | None = None
    grade: Grade | None = None
    handed_in: int = 0

    @property
    def state(self) -> str:
        return status.state(self.assignment, self.reflection, self.grade)


def class_assignments(classroom: Classroom, user, *, teacher: bool, now: datetime) -> list[AssignmentRow]:
    """The class's assignments, newest first (one query). Teachers: all, with how many
    handed in. Students: the open ones (in prompts open to them), with their own status."""
    base = (select(Assignment, Thread.title, Prompt).join(Thread, Thread.id == Assignment.thread_id)
            .outerjoin(Prompt, Prompt.id == Assignment.prompt_id)
            .where(Assignment.classroom_id == classroom.id).order_by(Assignment.id.desc()))
    if teacher:
        handed_in = (select(func.count(Reflection.id)).where(Reflection.assignment_id == Assignment.id,
                                                             Reflection.submitted_at.is_not(None))
                     .correlate(Assignment).scalar_subquery())
        return [AssignmentRow(a, title, p, handed_in=n) for a, title, p, n in db.session.execute(base.add_columns(handed_in))]
    rows = db.session.execute(
        base.add_columns(Reflection, Grade)
        .outerjoin(Reflection, and_(Reflection.assignment_id == Assignment.id, Reflection.student_id == user.id))
        .outerjoin(Grade, and_(Grade.assignment_id == Assignment.id, Grade.student_id == user.id)))
    return [AssignmentRow(a, title, p, r, g) for a, title, p, r, g in rows
            if (p is None or prompt_services.is_open_to_students(p, now)) and status.is_open(a, p, now)]


#: States a student still has work in.
TO_DO = (status.NOT_STARTED, status.DRAFT, status.RETURNED)


def to_do(classroom: Classroom, user, now: datetime) -> list[AssignmentRow]:
    """The open reflections a student still has to write: those of discussions they took part
    in (or already started), soonest due first (two queries)."""
    rows = [r for r in class_assignments(classroom, user, teacher=False, now=now) if r.state in TO_DO]
    if not rows:
        return []
    took_part = posted_in([r.assignment.thread_id for r in rows], user.id)
    rows = [r for r in rows if r.reflection is not None or r.assignment.thread_id in took_part]
    return sorted(rows, key=lambda r: (r.assignment.due_at is None, r.assignment.due_at or now, r.assignment.id))


@dataclass
class Box:
    """The thread page's reflection box."""

    assignment: Assignment | None
    prompt: Prompt | None = None
    reflection: Reflection | None = None
    grade: Grade | None = None

    @property
    def state(self) -> str:
        return status.state(self.assignment, self.reflection, self.grade)

    def opens_at(self) -> datetime | None:
        return status.opens_at(self.assignment, self.prompt)


def thread_box(thread_id: int, user) -> Box:
    """The thread's assignment with the user's reflection and grade (one query)."""
    row = db.session.execute(
        select(Assignment, Prompt, Reflection, Grade)
        .outerjoin(Prompt, Prompt.id == Assignment.prompt_id)
        .outerjoin(Reflection, and_(Reflection.assignment_id == Assignment.id, Reflection.student_id == user.id))
        .outerjoin(Grade, and_(Grade.assignment_id == Assignment.id, Grade.student_id == user.id))
        .where(Assignment.thread_id == thread_id)).first()
    return Box(*row) if row else Box(None)


def prompt_links(prompt: Prompt, user_id: int) -> list[tuple[int, str]]:
    """(assignment id, topic title) of the prompt's topics the student wrote in (one query)."""
    wrote = exists().where(Post.thread_id == Topic.thread_id, Post.author_id == user_id, Post.depth > 0)
    return list(db.session.execute(
        select(Assignment.id, Topic.title).join(Topic, Topic.thread_id == Assignment.thread_id)
        .where(Topic.prompt_id == prompt.id, wrote).order_by(Topic.position)).all())


rendering.register("reflection instructions", Assignment, "instructions_source", "instructions_html", "post")
rendering.register("prompt reflection instructions", PromptReflection, "instructions_source", "instructions_html", "post")
