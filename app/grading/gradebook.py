"""The class gradebook: students by reflection assignments, grouped by prompt, and its CSV.

A fixed number of queries whatever the number of students and prompts: the
students, the assignments, their reflections, their grades, who posted where,
and two for the participation in every prompt (``prompts.progress.participation_of``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app import spreadsheets
from app.classes.models import Classroom
from app.extensions import db
from app.forum.models import Thread
from app.prompts import progress
from app.prompts.models import Prompt, Topic
from app.reflections.models import Assignment

from .services import StudentWork, rows_for, students


@dataclass
class Column:
    """One assignment of the gradebook."""

    assignment: Assignment
    title: str
    prompt: Prompt | None

    @property
    def heading(self) -> str:
        """"Prompt title: Topic title (out of 12)", or "Thread title (out of 12)"."""
        name = f"{self.prompt.title}: {self.title}" if self.prompt else self.title
        return f"{name} (out of {self.assignment.points})"


@dataclass
class Group:
    """The assignments of one prompt (or of no prompt: "Other threads")."""

    title: str
    prompt: Prompt | None
    columns: list[Column] = field(default_factory=list)
    #: Student id -> requirements met (prompts only).
    met: dict[int, bool] = field(default_factory=dict)


@dataclass
class Gradebook:
    students: list[tuple[int, str, str]]
    groups: list[Group]
    #: (student id, assignment id) -> the row for that cell.
    cells: dict[tuple[int, int], StudentWork]

    @property
    def columns(self) -> list[Column]:
        return [c for g in self.groups for c in g.columns]

    def cell(self, student_id: int, column: Column) -> StudentWork:
        return self.cells[(student_id, column.assignment.id)]


def columns(classroom: Classroom) -> list[Column]:
    """The class's assignments with their thread (or topic) title and prompt, prompts first (one query)."""
    found = db.session.execute(
        select(Assignment, Thread.title, Prompt)
        .join(Thread, Thread.id == Assignment.thread_id)
        .outerjoin(Topic, Topic.thread_id == Assignment.thread_id)
        .outerjoin(Prompt, Prompt.id == Topic.prompt_id)
        .where(Assignment.classroom_id == classroom.id)
        .order_by(Prompt.id.is_(None), Prompt.id, Topic.position, Assignment.id)).all()
    return [Column(a, title, prompt) for a, title, prompt in found]


def gradebook(classroom: Classroom, student_id: int | None = None) -> Gradebook:
    """Everything the gradebook shows (``student_id``: one student's row only)."""
    cols = columns(classroom)
    groups: dict[int | None, Group] = {}
    for col in cols:
        key = col.prompt.id if col.prompt else None
        if key not in groups:
            groups[key] = Group(col.prompt.title if col.prompt else "Other threads", col.prompt)
        groups[key].columns.append(col)
    rows = rows_for(classroom, [c.assignment for c in cols], {c.assignment.id: c.title for c in cols},
                    student_id=student_id)
    people = students(classroom)
    if student_id is not None:
        people = [p for p in people if p[0] == student_id]
    tables = progress.participation_of([g.prompt for g in groups.values() if g.prompt is not None], student_id)
    for group in groups.values():
        if group.prompt is not None:
            group.met = {p.user_id: p.met(group.prompt) for p in tables[group.prompt.id]}
    ordered = [g for k, g in groups.items() if k is not None] + ([groups[None]] if None in groups else [])
    return Gradebook(people, ordered, {(r.student_id, r.assignment.id): r for r in rows})


def csv_text(book: Gradebook) -> str:
    """The gradebook as CSV for a school gradebook: Email and Name first,
    then one column per assignment with its score (empty when not graded)."""
    def scores(uid: int) -> list:
        return [grade.score if (grade := book.cell(uid, col).grade) is not None and grade.complete else ""
                for col in book.columns]

    return spreadsheets.csv_text(["Email", "Name", *(c.heading for c in book.columns)],
                                 ([email, name, *scores(uid)] for uid, name, email in book.students))
