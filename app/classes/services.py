"""Class logic: creating, joining, roles. Services flush; the request commits (app.unit_of_work)."""
from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.extensions import db

from .models import Classroom, Membership, Role

#: No 0/O, 1/I/L, so a code read aloud or from a board is typed right.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


class AlreadyMember(Exception):
    """The user is already in this class."""


def new_join_code() -> str:
    """A random join code not used by another class."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if db.session.scalar(select(Classroom.id).where(Classroom.join_code == code)) is None:
            return code


def normalise_code(code: str) -> str:
    """Accept codes typed with spaces, dashes or lower case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def create_class(teacher: User, name: str, description: str = "") -> Classroom:
    """Create a class taught by ``teacher``."""
    classroom = Classroom(name=name.strip(), description=description.strip(), join_code=new_join_code())
    classroom.memberships.append(Membership(user_id=teacher.id, role=Role.TEACHER))
    db.session.add(classroom)
    db.session.flush()
    from app.hooks import class_created  # late import: features subscribe to it

    class_created.send(classroom)
    return classroom


def find_by_code(code: str) -> Classroom | None:
    """The class with this join code, or None."""
    return db.session.scalar(select(Classroom).where(Classroom.join_code == normalise_code(code)))


def join_class(user: User, classroom: Classroom) -> Membership:
    """Add ``user`` as a student. Raises AlreadyMember."""
    existing = membership_of(user.id, classroom.id)
    if existing is not None:
        raise AlreadyMember(classroom.id)
    membership = Membership(classroom_id=classroom.id, user_id=user.id, role=Role.STUDENT)
    db.session.add(membership)
    db.session.flush()
    return membership


def membership_of(user_id: int, classroom_id: int) -> Membership | None:
    """The membership row, or None."""
    return db.session.scalar(
        select(Membership).where(Membership.user_id == user_id, Membership.classroom_id == classroom_id)
    )


def regenerate_code(classroom: Classroom) -> str:
    """Give the class a new join code; the old one stops working."""
    classroom.join_code = new_join_code()
    return classroom.join_code


def members(classroom: Classroom) -> list[Membership]:
    """Teachers first, then students, each by name."""
    rows = db.session.scalars(
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .options(selectinload(Membership.user))
        .where(Membership.classroom_id == classroom.id)
        .order_by(Membership.role.desc(), User.display_name)
    )
    return list(rows)


def teaching_anywhere(user_ids) -> set[int]:
    """Those of ``user_ids`` who teach a class (any class), in one query."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(db.session.scalars(
        select(Membership.user_id).where(Membership.user_id.in_(ids), Membership.role == Role.TEACHER).distinct()
    ))


def teacher_count(classroom: Classroom) -> int:
    return sum(1 for m in members(classroom) if m.role == Role.TEACHER)


def set_role(membership: Membership, role: str) -> None:
    """Make a member a teacher or a student."""
    if role not in (Role.TEACHER, Role.STUDENT):
        raise ValueError(role)
    membership.role = role


def remove_member(membership: Membership) -> None:
    """Take a member out of the class (their posts stay)."""
    db.session.delete(membership)


def classes_of(user: User) -> list[tuple[Classroom, str]]:
    """The user's classes with their role, teaching first, then by name."""
    rows = db.session.execute(
        select(Classroom, Membership.role)
        .join(Membership, Membership.classroom_id == Classroom.id)
        .where(Membership.user_id == user.id)
        .order_by(Membership.role.desc(), Classroom.name)
    )
    return [(c, r) for c, r in rows]


def all_classes() -> list[Classroom]:
    """Every class, for site admins."""
    return list(db.session.scalars(select(Classroom).order_by(Classroom.name)))
