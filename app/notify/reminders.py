"""Reminders that teach the rules: the day before a due time, to each student who has not met
that requirement yet, and when a discussion opens. Each is written once (``ReminderSent``).

What a student still needs comes from the prompt's own progress rules (``app.prompts.progress``:
``participation_of`` and ``Progress.first_ok`` / ``replies_ok``, what the checklist shows), never
counted again here. ``run(now)`` runs every hour (``tasks``); the e-mails and the records are
written in one transaction, so a reminder is never lost or sent twice.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import insert, or_, select

from app import clock
from app.auth.models import User
from app.classes.models import Classroom, Membership, Role
from app.extensions import db
from app.mail import messages, rules
from app.mail.messages import Email
from app.prompts import services as prompt_services
from app.prompts.models import Prompt
from app.prompts.progress import Progress, participation_of
from app.timezones import to_local

from . import unsubscribe
from .emails import choices_of
from .models import ReminderSent

#: A reminder goes this long before a due time.
AHEAD = timedelta(days=1)
#: A discussion that opened longer ago than this gets no "it is open" e-mail (it is not news).
OPENED_WITHIN = timedelta(days=1)
#: The due times a prompt has, and what each asks (``ReminderSent.what``).
DUE = ("first_post_due", "replies_due")


def day_and_time(moment: datetime, zone: str) -> str:
    """"Thursday 3 December, 18:00" in ``zone``."""
    local = to_local(moment, zone)
    return f"{local:%A} {local.day} {local:%B}, {local:%H:%M}"


def still_needed(prompt: Prompt, progress: Progress, what: str) -> str | None:
    """What the student still has to do for ``what`` ("first_post_due", "replies_due"), in words that
    teach the rule, or None when it is done (the checklist's rules: ``Progress``)."""
    if what == "first_post_due":
        if progress.first_ok(prompt):
            return None
        need = prompt.min_words_first or 0
        if progress.first_words is None:
            return "to write your first post" + (f" (at least {need} words)" if need else "")
        missing = need - progress.first_words
        return f"{missing} more word{'s' if missing != 1 else ''} in your first post (at least {need} words)"
    if not prompt.replies_required or progress.replies_ok(prompt):
        return None
    missing = prompt.replies_required - progress.replies
    words = f" (at least {prompt.min_words_reply} words each)" if prompt.min_words_reply else ""
    return f"{missing} more repl{'ies' if missing != 1 else 'y'} to a classmate{words}"


def _students(class_ids: list[int]) -> dict[int, list[User]]:
    """Class id -> its students (one query)."""
    found: dict[int, list[User]] = defaultdict(list)
    if class_ids:
        for class_id, user in db.session.execute(
                select(Membership.classroom_id, User).join(User, User.id == Membership.user_id)
                .where(Membership.classroom_id.in_(class_ids), Membership.role == Role.STUDENT)):
            found[class_id].append(user)
    return found


def _already(prompt_ids: list[int]) -> set[tuple[int, int, str]]:
    """(prompt, user, what) of the reminders already written (one query)."""
    if not prompt_ids:
        return set()
    return {(p, u, w) for p, u, w in db.session.execute(
        select(ReminderSent.prompt_id, ReminderSent.user_id, ReminderSent.what)
        .where(ReminderSent.prompt_id.in_(prompt_ids)))}


def run(now: datetime | None = None) -> int:
    """Write the reminders that are due now (in this unit of work); returns how many e-mails."""
    now = now or clock.now()
    soon = db.session.scalars(
        select(Prompt).where(Prompt.published_at.is_not(None), or_(
            Prompt.first_post_due.between(now, now + AHEAD), Prompt.replies_due.between(now, now + AHEAD),
            Prompt.opens_at.between(now - OPENED_WITHIN, now),
            (Prompt.opens_at.is_(None) & Prompt.published_at.between(now - OPENED_WITHIN, now))))
        .order_by(Prompt.id)
    ).all()
    prompts = [p for p in soon if prompt_services.is_open_to_students(p, now)]
    if not prompts:
        return 0
    class_ids = sorted({p.classroom_id for p in prompts})
    students = _students(class_ids)
    names = dict(db.session.execute(select(Classroom.id, Classroom.name).where(Classroom.id.in_(class_ids))).all())
    done = _already([p.id for p in prompts])
    by_class: dict[int, list[Prompt]] = defaultdict(list)
    for prompt in prompts:
        by_class[prompt.classroom_id].append(prompt)
    emails, records = [], []
    for class_id, class_prompts in by_class.items():
        wanted = choices_of([u.id for u in students[class_id]], class_id)
        tables = participation_of(class_prompts)  # the checklist's progress, two queries per class
        for prompt in class_prompts:
            progress = {row.user_id: row for row in tables.get(prompt.id, [])}
            for student in students[class_id]:
                for what in _reminders_for(prompt, now):
                    if (prompt.id, student.id, what) in done:
                        continue
                    kind = "opened" if what == "opened" else "reminder"
                    if not rules.wants(student, wanted.get(student.id), kind):
                        continue
                    need = None if what == "opened" else still_needed(
                        prompt, progress.get(student.id, Progress(student.id)), what)
                    if what != "opened" and need is None:
                        continue
                    emails.append(_email(student, prompt, names[class_id], what, need))
                    records.append({"prompt_id": prompt.id, "user_id": student.id, "what": what,
                                    "due_at": getattr(prompt, what) if what in DUE else prompt.opens_at,
                                    "sent_at": now})
    messages.send_many(emails)
    if records:
        db.session.execute(insert(ReminderSent), records)
    return len(emails)


def _reminders_for(prompt: Prompt, now: datetime) -> list[str]:
    found = [what for what in DUE if getattr(prompt, what) is not None and now <= getattr(prompt, what) <= now + AHEAD]
    opened = prompt.opens_at or prompt.published_at
    if opened is not None and now - OPENED_WITHIN <= opened <= now:
        found.append("opened")
    return found


def _email(student: User, prompt: Prompt, class_name: str, what: str, need: str | None) -> Email:
    kind = "opened" if what == "opened" else "reminder"
    stop, headers = unsubscribe.headers(student.id, kind, prompt.classroom_id)
    zone = student.time_zone or prompt.time_zone
    url = messages.link("prompts.prompt", class_id=prompt.classroom_id, prompt_id=prompt.id)
    if what == "opened":
        closes = day_and_time(prompt.closes_at, zone) if prompt.closes_at else None
        return Email("notify_opened", to=student.email, user=student, headers=headers,
                     subject=f"A new discussion is open: “{prompt.title}”",
                     context=dict(title=prompt.title, class_name=class_name, url=url, closes=closes,
                                  unsubscribe_url=stop))
    by = day_and_time(getattr(prompt, what), zone)
    return Email("notify_reminder", to=student.email, user=student, headers=headers,
                 subject=f"You need {need} by {by}",
                 context=dict(title=prompt.title, class_name=class_name, url=url, need=need, by=by,
                              unsubscribe_url=stop))
