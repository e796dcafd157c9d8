"""The learner's error profile: "My language" for one student, and the class view.

Counts come from SQL (conditional aggregates work the same on SQLite and PostgreSQL), so a
page costs the same few queries whatever a student has written. Months are calendar months
in UTC.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select

from app.auth.models import User
from app.classes.models import Membership, Role
from app.extensions import db

from . import codes
from .models import Correction
from .services import codes_of

#: Examples of each code shown on "My language".
EXAMPLES = 3
#: The newest corrections read for the examples.
RECENT = 200


def month_starts(now: datetime, count: int = 3) -> list[datetime]:
    """The first moment of this month and of the ``count - 1`` months before it."""
    starts = [now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)]
    while len(starts) < count:
        first = starts[-1]
        starts.append(first.replace(year=first.year - 1, month=12) if first.month == 1
                      else first.replace(month=first.month - 1))
    return starts


def _fixed():
    return or_(Correction.state == "fixed", Correction.answer == "fixed")


@dataclass
class CodeRow:
    code: str
    name: str
    explanation: str
    praise: bool
    total: int = 0
    fixed: int = 0
    #: This month, last month, the month before.
    months: list[int] = field(default_factory=lambda: [0, 0, 0])
    students: int = 0
    examples: list[Correction] = field(default_factory=list)


@dataclass
class Profile:
    rows: list[CodeRow]
    #: The (up to) three codes with most corrections this month (praise left out).
    top: list[CodeRow]
    total: int
    fixed: int
    months: list[datetime]


def _rows(classroom_id: int, found) -> dict[str, CodeRow]:
    known = {c.code: c for c in codes_of(classroom_id)}
    rows: dict[str, CodeRow] = {}
    for code, *numbers in found:
        info = known.get(code) or codes.Code(code, code, "")
        rows[code] = CodeRow(info.code, info.name, info.explanation, info.praise)
        rows[code].total, rows[code].fixed = numbers[0], numbers[1]
        rows[code].months = list(numbers[2:5])
        if len(numbers) > 5:
            rows[code].students = numbers[5]
    return rows


def _counts(months: list[datetime], *extra):
    bounds = [(months[0], None), (months[1], months[0]), (months[2], months[1])]
    return (func.count(Correction.id), func.count(case((_fixed(), Correction.id))),
            *(func.count(case((and_(Correction.created_at >= a, *([Correction.created_at < b] if b else [])),
                               Correction.id))) for a, b in bounds), *extra)


def _profile(rows: dict[str, CodeRow], months) -> Profile:
    ordered = sorted(rows.values(), key=lambda r: (-r.total, r.code))
    top = sorted((r for r in ordered if r.months[0] and not r.praise), key=lambda r: (-r.months[0], r.code))[:3]
    return Profile(ordered, top, sum(r.total for r in ordered if not r.praise),
                   sum(r.fixed for r in ordered if not r.praise), months)


def student_profile(classroom_id: int, student_id: int, now: datetime) -> Profile:
    """One student's corrections in the class, by code, with examples from their own writing
    (three queries: counts, the newest corrections, the class's codes)."""
    months = month_starts(now)
    mine = and_(Correction.classroom_id == classroom_id, Correction.student_id == student_id)
    rows = _rows(classroom_id, db.session.execute(
        select(Correction.code, *_counts(months)).where(mine).group_by(Correction.code)))
    for c in db.session.scalars(select(Correction).where(mine).order_by(Correction.id.desc()).limit(RECENT)):
        row = rows.get(c.code)
        if row is not None and len(row.examples) < EXAMPLES:
            row.examples.append(c)
    return _profile(rows, months)


def class_profile(classroom_id: int, now: datetime) -> Profile:
    """The class's corrections of students' writing by code: how many this month and before,
    and how many students had one this month (two queries)."""
    months = month_starts(now)
    students = func.count(func.distinct(case((Correction.created_at >= months[0], Correction.student_id))))
    rows = _rows(classroom_id, db.session.execute(
        select(Correction.code, *_counts(months, students))
        .join(Membership, and_(Membership.user_id == Correction.student_id,
                               Membership.classroom_id == Correction.classroom_id))
        .where(Correction.classroom_id == classroom_id, Membership.role == Role.STUDENT)
        .group_by(Correction.code)))
    return _profile(rows, months)


def student_totals(classroom_id: int, now: datetime) -> list[tuple[int, str, int, int]]:
    """(id, name, this month, all time) of every student of the class, by name (one query)."""
    start = month_starts(now)[0]
    return [tuple(r) for r in db.session.execute(
        select(User.id, User.display_name,
               func.count(case((Correction.created_at >= start, Correction.id))), func.count(Correction.id))
        .join(Membership, Membership.user_id == User.id)
        .outerjoin(Correction, and_(Correction.student_id == User.id, Correction.classroom_id == classroom_id))
        .where(Membership.classroom_id == classroom_id, Membership.role == Role.STUDENT)
        .group_by(User.id, User.display_name).order_by(User.display_name, User.id))]
