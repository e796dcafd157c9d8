"""Invitations: send them for a list of people, send one again, cancel one, use one.

``invite`` costs a fixed number of queries for the whole list (who is a member already,
who is invited already), then one outbox row per new address, written in the request's
transaction like every e-mail (``app.mail.messages``). Services flush; the request commits.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import joinedload

from app import clock
from app.auth import tokens
from app.auth.models import User
from app.classes import services as classes
from app.classes.models import Classroom, Membership
from app.extensions import db
from app.mail import messages

from .models import Invitation
from .parsing import Row

#: How long an invitation link works (the e-mail says so).
LIFETIME = timedelta(days=14)

ALREADY_MEMBER = "already a member of this class"
ALREADY_INVITED = "already invited (use \"Send again\" below)"
TWICE = "twice in this list"


@dataclass
class Outcome:
    """What ``invite`` did: the rows invited, and the rows left out with the reason."""

    sent: list[Row] = field(default_factory=list)
    problems: list[Row] = field(default_factory=list)


def is_pending(invitation: Invitation) -> bool:
    """Not used yet and not expired: its link works."""
    return invitation.accepted_at is None and invitation.expires_at > clock.now()


def _new_link(invitation: Invitation) -> str:
    """A new token for ``invitation`` (the old link stops working); returns the link for the e-mail."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = tokens.digest(token)
    invitation.expires_at = clock.now() + LIFETIME
    return messages.link("invitations.open", invite_token=token)


def _send(invitation: Invitation, classroom: Classroom, teacher: User, link: str) -> None:
    messages.send(
        "class_invitation", to=invitation.email, secret=True,
        subject=f"{teacher.display_name} invited you to {classroom.name} on Roundtable",
        link=link, classroom=classroom, teacher=teacher, name=invitation.name, days=LIFETIME.days,
    )


def invite(classroom: Classroom, teacher: User, rows: list[Row]) -> Outcome:
    """Invite every usable row; the others come back in ``problems`` with the reason.

    Nothing is sent twice: an address that is a member, has a pending invitation, or is
    in the list twice is left out. An expired or used invitation of someone who is not a
    member (any more) is renewed."""
    outcome = Outcome()
    seen: set[str] = set()
    usable: list[Row] = []
    for row in rows:
        if row.problem:
            outcome.problems.append(row)
        elif row.email in seen:
            row.problem = TWICE
            outcome.problems.append(row)
        else:
            seen.add(row.email)
            usable.append(row)
    if not usable:
        outcome.problems.sort(key=lambda row: row.line)
        return outcome
    members = set(db.session.scalars(
        select(User.email).join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == classroom.id, User.email.in_(seen))
    ))
    existing = {i.email: i for i in db.session.scalars(
        select(Invitation).where(Invitation.classroom_id == classroom.id, Invitation.email.in_(seen))
    )}
    now = clock.now()
    for row in usable:
        invitation = existing.get(row.email)
        if row.email in members:
            row.problem = ALREADY_MEMBER
        elif invitation is not None and is_pending(invitation):
            row.problem = ALREADY_INVITED
        if row.problem:
            outcome.problems.append(row)
            continue
        if invitation is None:
            invitation = Invitation(classroom_id=classroom.id, email=row.email, send_count=0)
            db.session.add(invitation)
        invitation.name = row.name or invitation.name or ""
        invitation.invited_by_id = teacher.id
        invitation.sent_at = now
        invitation.send_count = (invitation.send_count or 0) + 1
        invitation.accepted_at = invitation.accepted_by_id = None
        _send(invitation, classroom, teacher, _new_link(invitation))
        outcome.sent.append(row)
    db.session.flush()
    outcome.problems.sort(key=lambda row: row.line)  # in the list's order (stable within a line)
    return outcome


def pending(classroom: Classroom) -> list[Invitation]:
    """The class's invitations not used yet (expired ones too, to send again), by address."""
    return list(db.session.scalars(
        select(Invitation).where(Invitation.classroom_id == classroom.id, Invitation.accepted_at.is_(None))
        .order_by(Invitation.email)
    ))


def get_invitation(classroom: Classroom, invitation_id: int) -> Invitation | None:
    """The class's unused invitation with this id, or None."""
    return db.session.scalar(select(Invitation).where(
        Invitation.id == invitation_id, Invitation.classroom_id == classroom.id, Invitation.accepted_at.is_(None)))


def send_again(invitation: Invitation, classroom: Classroom, teacher: User) -> None:
    """A new e-mail with a new link (the one in the earlier e-mail stops working), valid ``LIFETIME`` again."""
    invitation.sent_at = clock.now()
    invitation.send_count += 1
    _send(invitation, classroom, teacher, _new_link(invitation))


def cancel(invitation: Invitation) -> None:
    """Forget the invitation: its link stops working."""
    db.session.execute(delete(Invitation).where(Invitation.id == invitation.id))


def find_valid(token: str) -> Invitation | None:
    """The pending invitation whose link holds ``token`` (with its class), or None."""
    if not token or len(token) > tokens.MAX_TOKEN_LENGTH:
        return None
    invitation = db.session.scalar(
        select(Invitation).options(joinedload(Invitation.invited_by))
        .where(Invitation.token_hash == tokens.digest(token))
    )
    return invitation if invitation is not None and is_pending(invitation) else None


def accept(token: str, user: User) -> Classroom | None:
    """Use the link: ``user`` joins the class (once; a second use, even at the same moment, gets None).

    When ``user``'s address is the invited one, it counts as confirmed: the e-mail reached them."""
    now = clock.now()
    row = db.session.execute(
        update(Invitation)
        .where(Invitation.token_hash == tokens.digest(token), Invitation.accepted_at.is_(None),
               Invitation.expires_at > now)
        .values(accepted_at=now, accepted_by_id=user.id)
        .returning(Invitation.classroom_id, Invitation.email)
        .execution_options(synchronize_session=False)
    ).one_or_none() if token and len(token) <= tokens.MAX_TOKEN_LENGTH else None
    if row is None:
        return None
    classroom = db.session.get(Classroom, row.classroom_id)
    try:
        classes.join_class(user, classroom)
    except classes.AlreadyMember:
        pass
    if user.email == row.email and user.email_confirmed_at is None:
        user.email_confirmed_at = now
    return classroom
