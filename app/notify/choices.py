"""Reading and changing a user's e-mail choices (rows only where someone chose; else the defaults)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.classes.models import Classroom, Membership, Role
from app.extensions import db
from app.mail.rules import DEFAULT_DIGEST, RIGHT_AWAY

from .models import DigestChoice, EmailChoice


@dataclass
class ClassChoices:
    """One class on the settings page: its name, whether I teach it, and my choices."""

    classroom_id: int
    name: str
    teacher: bool
    #: kind -> on, for every kind of ``RIGHT_AWAY`` that applies to me there.
    values: dict[str, bool]


def kinds_for(teacher: bool) -> tuple[str, ...]:
    """The right-away kinds a member can get: reports reach teachers only; grades, returned
    reflections and reminders students only."""
    if teacher:
        return ("reply", "mention", "report")
    return tuple(k for k in RIGHT_AWAY if k != "report")


def class_choices(user_id: int) -> list[ClassChoices]:
    """Every class of the user, by name, with their choices (one query)."""
    rows = db.session.execute(
        select(Classroom.id, Classroom.name, Membership.role, EmailChoice)
        .join(Membership, Membership.classroom_id == Classroom.id)
        .outerjoin(EmailChoice, (EmailChoice.classroom_id == Classroom.id) & (EmailChoice.user_id == user_id))
        .where(Membership.user_id == user_id)
        .order_by(Classroom.name, Classroom.id)
    ).all()
    found = []
    for class_id, name, role, choice in rows:
        teacher = role == Role.TEACHER
        found.append(ClassChoices(class_id, name, teacher,
                                  {k: choice is None or bool(getattr(choice, k)) for k in kinds_for(teacher)}))
    return found


def choice_row(user_id: int, classroom_id: int) -> EmailChoice:
    """The user's row for the class, made (with the defaults) when missing."""
    row = db.session.get(EmailChoice, (user_id, classroom_id))
    if row is None:
        row = EmailChoice(user_id=user_id, classroom_id=classroom_id, **{k: True for k in RIGHT_AWAY})
        db.session.add(row)
    return row


def save_class(user_id: int, classroom_id: int, values: dict[str, bool]) -> None:
    """Keep the user's choices for one class (kinds not given keep their value)."""
    row = choice_row(user_id, classroom_id)
    for kind, on in values.items():
        if kind in RIGHT_AWAY:
            setattr(row, kind, bool(on))
    db.session.flush()


def digest_row(user_id: int) -> DigestChoice:
    """The user's digest row, made (weekly, never sent) when missing."""
    row = db.session.get(DigestChoice, user_id)
    if row is None:
        row = DigestChoice(user_id=user_id, frequency=DEFAULT_DIGEST)
        db.session.add(row)
    return row


def digest_frequency(user_id: int) -> str:
    """"daily", "weekly" or "never"."""
    return db.session.scalar(select(DigestChoice.frequency).where(DigestChoice.user_id == user_id)) or DEFAULT_DIGEST


def save_digest(user_id: int, frequency: str) -> None:
    """Keep how often the digest comes."""
    digest_row(user_id).frequency = frequency
    db.session.flush()


def turn_off(user_id: int, kind: str, classroom_id: int | None) -> None:
    """Stop one kind of e-mail (the digest: "never"; a right-away kind: for that class)."""
    if kind == "digest":
        save_digest(user_id, "never")
    elif classroom_id is not None:
        save_class(user_id, classroom_id, {kind: False})


def is_on(user_id: int, kind: str, classroom_id: int | None) -> bool:
    """Whether that kind of e-mail is on now (for the unsubscribe page)."""
    if kind == "digest":
        return digest_frequency(user_id) != "never"
    row = db.session.get(EmailChoice, (user_id, classroom_id)) if classroom_id is not None else None
    return row is None or bool(getattr(row, kind))
