""""Delete my account": what goes, what stays (the README says the same, for users).

The ``user`` row stays, as a tombstone, so that what others read and what the school must
keep still has an author: the name becomes "Former student" ("Former teacher" for someone
who taught a class), the address becomes ``deleted-<id>@deleted.invalid`` (so the real
address is free for a new account; ``.invalid`` can never receive mail or be registered),
the password is removed (nobody can log in) and ``deleted_at`` is set.

- Posts and replies stay in their threads under "Former student", or, if the owner asks,
  are deleted like the author's own *Delete* (``app.forum.posts.delete_posts_of``: the text
  and its earlier versions go, "This post was deleted" keeps the thread readable).
- Wiki versions stay (the wiki is the class's shared work), by "Former student".
- Reflections and grades stay for the teachers (the school needs them), and the student's
  place in their classes with them (the gradebook row reads "Former student"); a teacher
  may remove that row under *Members*. Teaching places are left (the class keeps its other
  teachers: the only teacher of a class cannot delete the account, ``classes_needing_a_teacher``).
- Gone: every session (logged out everywhere), one-time links, drafts, notifications,
  read marks and followed threads, the e-mails written to the account, and invitations to
  the address.
"""
from __future__ import annotations

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import aliased

from app import clock
from app.auth.models import AccountToken, LoginSession, User
from app.classes.models import Classroom, Membership, Role
from app.drafts.models import Draft
from app.extensions import db
from app.forum import posts
from app.forum.models import Notification, ReadState, ThreadFollow
from app.invitations.models import Invitation
from app.mail.models import OutboxEmail
from app.submissions import Submission

FORMER_STUDENT = "Former student"
FORMER_TEACHER = "Former teacher"
#: What the delete form asks the owner to type.
CONFIRM_WORD = "DELETE"


def classes_needing_a_teacher(user: User) -> list[Classroom]:
    """The classes ``user`` is the only teacher of (in one query): they block deleting the account."""
    other = aliased(Membership)
    return list(db.session.scalars(
        select(Classroom).join(Membership, Membership.classroom_id == Classroom.id)
        .where(Membership.user_id == user.id, Membership.role == Role.TEACHER,
               ~exists().where(other.classroom_id == Classroom.id, other.role == Role.TEACHER,
                               other.user_id != user.id))
        .order_by(Classroom.name)
    ))


def _gone(*statements) -> None:
    for statement in statements:
        db.session.execute(statement.execution_options(synchronize_session=False))


def delete_account(user: User, *, delete_posts: bool) -> None:
    """Delete ``user``'s account as the module docstring says (the caller checked the password and
    ``classes_needing_a_teacher``). A fixed number of statements, whatever the user wrote."""
    if delete_posts:
        posts.delete_posts_of(user)
    taught = db.session.scalar(select(exists().where(Membership.user_id == user.id, Membership.role == Role.TEACHER)))
    _gone(
        delete(LoginSession).where(LoginSession.user_id == user.id),
        delete(AccountToken).where(AccountToken.user_id == user.id),
        delete(Draft).where(Draft.user_id == user.id),
        delete(Notification).where(Notification.user_id == user.id),
        delete(ReadState).where(ReadState.user_id == user.id),
        delete(ThreadFollow).where(ThreadFollow.user_id == user.id),
        delete(Submission).where(Submission.user_id == user.id),
        delete(OutboxEmail).where(or_(OutboxEmail.user_id == user.id, OutboxEmail.to_address == user.email)),
        delete(Invitation).where(Invitation.email == user.email, Invitation.accepted_at.is_(None)),
        delete(Membership).where(Membership.user_id == user.id, Membership.role == Role.TEACHER),
    )
    user.display_name = FORMER_TEACHER if taught else FORMER_STUDENT
    user.email = f"deleted-{user.id}@deleted.invalid"
    user.password_hash = ""
    user.is_admin = False
    user.time_zone = ""
    user.email_confirmed_at = None
    user.deleted_at = clock.now()
    db.session.flush()
