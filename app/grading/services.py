"""Grading: the queue, one student's grade (draft or complete), release, return for revision.

Services add and flush; the request commits (app.unit_of_work). A ``Grade`` row is the teacher's draft
from the first save; ``complete`` once "Save grade" was pressed with every
criterion scored; students see it only once ``released_at`` is set.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.classes.models import Classroom, Membership, Role
from app.content import render
from app.extensions import db
from app.forum import notifications
from app.forum.models import Post, Thread
from app.prompts.models import Prompt
from app.reflections import rubric as rubrics
from app.reflections import status
from app.reflections.models import Assignment, Grade, Reflection, ReflectionVersion

from . import access

#: The teacher's words for a grade not yet shown to the student.
GRADING_STARTED, GRADED_HIDDEN = "grading started", "graded, not released"


# -- loading --------------------------------------------------------------------------

def students(classroom: Classroom) -> list[tuple[int, str, str]]:
    """(id, name, email) of the class's students, by name (one query)."""
    return [tuple(row) for row in db.session.execute(
        select(User.id, User.display_name, User.email).join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == classroom.id, Membership.role == Role.STUDENT)
        .order_by(User.display_name, User.id))]


def get_student(classroom: Classroom, student_id: int) -> User:
    """A student of the class, or 404 (also for a teacher or someone outside the class)."""
    user = db.session.scalar(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(User.id == student_id, Membership.classroom_id == classroom.id, Membership.role == Role.STUDENT))
    if user is None:
        abort(404)
    return user


def posters(thread_ids: list[int]) -> set[tuple[int, int]]:
    """(thread id, author id) of everyone with a post (not the opening one, not deleted) in the threads."""
    if not thread_ids:
        return set()
    return {tuple(r) for r in db.session.execute(
        select(Post.thread_id, Post.author_id).where(Post.thread_id.in_(thread_ids), Post.depth > 0,
                                                   Post.deleted.is_(False)).distinct())}


# -- the queue ------------------------------------------------------------------------

@dataclass
class StudentWork:
    """One student's line for one assignment in a queue, the gradebook or a student's page."""

    student_id: int
    name: str
    assignment: Assignment
    reflection: Reflection | None
    grade: Grade | None
    took_part: bool
    thread_title: str = ""

    @property
    def late(self) -> str | None:
        """"2 hours late", or None."""
        delta = status.lateness(self.assignment, self.reflection.submitted_at if self.reflection else None)
        return status.describe_lateness(delta) if delta else None

    @property
    def needs_grading(self) -> bool:
        return status.needs_grading(self.reflection, self.grade)

    @property
    def handed_in(self) -> bool:
        return self.reflection is not None and self.reflection.submitted_at is not None

    @property
    def released(self) -> bool:
        return access.is_released(self.grade)

    @property
    def missing(self) -> bool:
        """Took part in the discussion, has not handed in, and the due time has passed.

        A student who did not take part is not expected to write (they may)."""
        due = self.assignment.due_at
        return self.took_part and not self.handed_in and due is not None and clock.now() > due

    @property
    def state(self) -> str:
        """What the teacher sees: the student's state, but returned, draft and hidden grades show too."""
        reflection, grade = self.reflection, self.grade
        if reflection is not None and reflection.submitted_at is None and reflection.returned_at is not None:
            return status.RETURNED
        if grade is not None and grade.released_at is None:
            if not grade.complete:
                return GRADING_STARTED
            if not self.needs_grading:
                return GRADED_HIDDEN
        return status.state(self.assignment, reflection, grade)


def rows_for(classroom: Classroom, assignments: list[Assignment], titles: dict[int, str] | None = None,
             student_id: int | None = None) -> list[StudentWork]:
    """A row per student per assignment, students by name (four queries whatever the numbers).

    ``student_id`` keeps one student's rows only."""
    people = students(classroom)
    if student_id is not None:
        people = [p for p in people if p[0] == student_id]
    ids = [a.id for a in assignments]
    reflections, grades = {}, {}
    if ids and people:
        only = [p[0] for p in people]
        reflections = {(r.assignment_id, r.student_id): r for r in db.session.scalars(
            select(Reflection).where(Reflection.assignment_id.in_(ids), Reflection.student_id.in_(only)))}
        grades = {(g.assignment_id, g.student_id): g for g in db.session.scalars(
            select(Grade).where(Grade.assignment_id.in_(ids), Grade.student_id.in_(only)))}
    took_part = posters([a.thread_id for a in assignments]) if people else set()
    titles = titles or {}
    return [StudentWork(uid, name, a, reflections.get((a.id, uid)), grades.get((a.id, uid)),
                (a.thread_id, uid) in took_part, titles.get(a.id, ""))
            for uid, name, _ in people for a in assignments]


def prompt_assignments(prompt: Prompt) -> list[tuple[Assignment, str]]:
    """The prompt's assignments with their topic's thread title, in topic order (one query)."""
    from app.prompts.models import Topic

    return [tuple(r) for r in db.session.execute(
        select(Assignment, Thread.title).join(Thread, Thread.id == Assignment.thread_id)
        .join(Topic, Topic.thread_id == Assignment.thread_id)
        .where(Assignment.prompt_id == prompt.id).order_by(Topic.position, Topic.id))]


def prompt_rows(classroom: Classroom, prompt: Prompt) -> list[StudentWork]:
    """The prompt's queue: for each student the topics they took part in or wrote about,
    or one row for their first topic when they did nothing yet."""
    found = prompt_assignments(prompt)
    rows = rows_for(classroom, [a for a, _ in found], {a.id: t for a, t in found})
    by_student: dict[int, list[StudentWork]] = {}
    for row in rows:
        by_student.setdefault(row.student_id, []).append(row)
    chosen = []
    for student_rows in by_student.values():
        active = [r for r in student_rows if r.took_part or r.reflection is not None or r.grade is not None]
        chosen.extend(active or student_rows[:1])
    return chosen


# -- grading one student -------------------------------------------------------------------

@dataclass
class GradeInput:
    """What the teacher typed: chosen level per criterion, adjustment and feedback."""

    levels: dict[str, int] = field(default_factory=dict)
    #: Points given directly, for an assignment without a rubric.
    points: int | None = None
    adjustment: int = 0
    reason: str = ""
    feedback: str = ""

    def is_empty(self) -> bool:
        return (not self.levels and self.points is None and not self.adjustment and not self.reason.strip()
                and not self.feedback.strip())


def parse_levels(rubric: list[dict], form) -> dict[str, int]:
    """The levels chosen in a posted form (fields ``level-<criterion>``); others are left out."""
    chosen = {}
    for index, criterion in enumerate(rubric):
        value = form.get(f"level-{index}", "")
        if value.isdigit() and int(value) < len(criterion["levels"]):
            chosen[str(index)] = int(value)
    return chosen


def missing_criteria(rubric: list[dict], levels: dict[str, int]) -> list[str]:
    """Titles of the criteria with no level chosen."""
    return [c["title"] for i, c in enumerate(rubric) if str(i) not in levels]


def save_grade(assignment: Assignment, student_id: int, grader, data: GradeInput, *, complete: bool,
               grade: Grade | None = None) -> Grade | None:
    """Keep the teacher's grade: ``complete`` for "Save grade", else a draft.

    A draft keeps an earlier grade complete when every criterion is still
    scored; input with a criterion left out does not change a complete grade.
    Nothing is written for an empty draft of a student not graded yet (None).
    A complete grade needs every criterion (the view checks it first).
    """
    if grade is None and not complete and data.is_empty():
        return None
    score = score_of(assignment, data)
    if grade is not None and grade.complete and score is None:
        return grade  # never turn a complete (maybe released) grade into a half one; the page keeps the input
    if grade is None:
        grade = Grade(assignment_id=assignment.id, classroom_id=assignment.classroom_id, student_id=student_id)
        db.session.add(grade)
    grade.levels = dict(data.levels)
    grade.adjustment = data.adjustment
    grade.adjustment_reason = data.reason.strip()[:300]
    grade.score = score
    grade.feedback_source = data.feedback
    grade.feedback_html = render(data.feedback, "post") if data.feedback.strip() else ""
    grade.grader_id = grader.id
    grade.saved_at = clock.now()
    grade.complete = score is not None and (complete or grade.complete)
    db.session.flush()
    return grade


def score_of(assignment: Assignment, data: GradeInput) -> int | None:
    """The total: the rubric's levels (or the points given) plus the adjustment; None while incomplete."""
    if assignment.rubric:
        return rubrics.total(assignment.rubric, data.levels, data.adjustment)
    return None if data.points is None else data.points + data.adjustment


def neighbours(people: list[tuple], student_id: int) -> tuple[tuple | None, tuple | None]:
    """The students before and after ``student_id`` in the list (None at the ends)."""
    ids = [p[0] for p in people]
    at = ids.index(student_id) if student_id in ids else -1
    before = people[at - 1] if at > 0 else None
    after = people[at + 1] if 0 <= at < len(people) - 1 else None
    return before, after


# -- release, hide, return --------------------------------------------------------------------

def release(grades: list[Grade], teacher, thread: Thread) -> int:
    """Show complete grades to their students and tell them (one insert). Returns how many."""
    now = clock.now()
    done = [g for g in grades if g.complete and g.released_at is None]
    for grade in done:
        grade.released_at = now
    notify([g.student_id for g in done], "grade", thread, teacher)
    db.session.flush()
    return len(done)


def release_all(assignment: Assignment, teacher, thread: Thread) -> int:
    """Release every complete grade of the assignment that students cannot see yet."""
    grades = list(db.session.scalars(select(Grade).where(
        Grade.assignment_id == assignment.id, Grade.complete.is_(True), Grade.released_at.is_(None))))
    return release(grades, teacher, thread)


def hide(grade: Grade) -> None:
    """Take a released grade back: the student no longer sees it."""
    grade.released_at = None
    db.session.flush()


def return_for_revision(reflection: Reflection, grade: Grade | None, comment: str, teacher, thread: Thread) -> None:
    """Give the reflection back to change: the handed-in text is kept as a version with the
    comment, the grade is hidden and must be saved again, and the student is told."""
    now = clock.now()
    db.session.add(ReflectionVersion(reflection_id=reflection.id, source=reflection.source, html=reflection.html,
                                     submitted_at=reflection.submitted_at, returned_comment=comment,
                                     returned_at=now))
    reflection.submitted_at = None
    reflection.returned_at = now
    reflection.returned_comment = comment
    if grade is not None:
        grade.released_at = None
        grade.complete = False
    notify([reflection.student_id], "returned", thread, teacher)
    db.session.flush()


def notify(student_ids: list[int], kind: str, thread: Thread, teacher) -> None:
    """In-app notifications ("grade", "returned") pointing at the thread's opening post (and the
    e-mails the forum's listeners write from them)."""
    if not student_ids:
        return
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.depth == 0))
    if opening is None:
        return
    notifications.notify({uid: kind for uid in set(student_ids)}, opening, thread, teacher)


def assignment_of_post(post_id: int) -> Assignment | None:
    """The assignment on the thread of a post (for opening a grade notification)."""
    return db.session.scalar(select(Assignment).join(Post, Post.thread_id == Assignment.thread_id)
                             .where(Post.id == post_id))
