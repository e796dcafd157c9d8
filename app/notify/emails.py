"""Right-away e-mails, written from the forum's notifications (``notifications.listen``) in the
same transaction as the post, grade or report that causes them.

For any number of recipients: one query for their choices, one ``INSERT`` for the e-mails (the forum's ``readers_of`` already loaded who may read the post).
Only readers of the post get an e-mail about a reply or mention, so nobody gets an excerpt of
a post they could not read; the author's name is the one the recipient's page shows ("Classmate 2").
"""
from __future__ import annotations

from types import SimpleNamespace

from flask import current_app, has_request_context
from sqlalchemy import select

from app.extensions import db
from app.forum import notifications
from app.forum.notifications import Activity
from app.mail import messages, rules
from app.mail.messages import Email

from . import unsubscribe
from .excerpts import excerpt
from .models import EmailChoice

#: The subject of each kind.
SUBJECTS = {
    "reply": "{actor} replied to your post in “{title}”",
    "mention": "{actor} mentioned you in “{title}”",
    "grade": "Your grade for “{title}” is ready",
    "returned": "Your reflection on “{title}” came back to change",
    "report": "{actor} reported a post in “{title}”",
}


def choices_of(user_ids, classroom_id: int) -> dict[int, EmailChoice]:
    """The users' choices for the class (one query; users without a row are missing: defaults)."""
    if not user_ids:
        return {}
    return {c.user_id: c for c in db.session.scalars(
        select(EmailChoice).where(EmailChoice.classroom_id == classroom_id,
                                  EmailChoice.user_id.in_(sorted(user_ids))))}


def target_link(kind: str, post_id: int) -> str | None:
    """The absolute address the in-app notification of ``kind`` opens (``notifications.target``),
    also outside a request (a grade released by a command or the worker)."""
    probe = SimpleNamespace(kind=kind, post_id=post_id)
    if has_request_context():
        target = notifications.target(probe)
    else:
        with current_app.test_request_context():
            target = notifications.target(probe)
    return absolute(target) if target else None


def absolute(path: str) -> str:
    """An address of this site for a path built in the request (``url_for``)."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def post_link(post) -> str:
    """The address that opens ``post`` (its permalink: the thread page that shows it, scrolled to it,
    after logging in when needed). It costs no query, and still works when the post moves to another page."""
    return messages.link("forum.permalink", class_id=post.classroom_id, post_id=post.id)


def on_activity(activity: Activity) -> None:
    """Write the right-away e-mails a batch of notifications causes."""
    wanted = [uid for uid, kind in activity.kinds.items() if kind in SUBJECTS]
    if not wanted:
        return
    post, thread = activity.post, activity.thread
    choices = choices_of(wanted, thread.classroom_id)
    emails = []
    for uid in sorted(wanted):
        kind = activity.kinds[uid]
        if kind in ("reply", "mention"):
            if uid not in activity.readers:
                continue
            user, thread_rules = activity.readers[uid]
        else:
            user, thread_rules = activity.users.get(uid), None
        if user is None or not rules.wants(user, choices.get(uid), kind):
            continue
        actor = thread_rules.name(activity.actor.id, activity.actor.display_name) if thread_rules else \
            activity.actor.display_name
        if kind in ("grade", "returned"):
            url = target_link(kind, post.id) or post_link(post)
            text = None
        else:
            url, text = post_link(post), excerpt(post.html)
        stop, headers = unsubscribe.headers(uid, kind, thread.classroom_id)
        emails.append(Email(f"notify_{kind}", to=user.email, user=user, headers=headers,
                            subject=SUBJECTS[kind].format(actor=actor, title=thread.title),
                            context=dict(actor=actor, title=thread.title, url=url, excerpt=text,
                                         unsubscribe_url=stop)))
    messages.send_many(emails)


notifications.listen(on_activity)
