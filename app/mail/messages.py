"""Write an e-mail: render its two parts, put it in the outbox, wake the worker after the commit.

Every e-mail has a plain-text part (``templates/email/<template>.txt``) and an HTML part
(``templates/email/<template>.html``, on ``email/_layout.html``), in short, plain words.
Links are absolute and start with ``PUBLIC_URL`` (``link``): they are built the same
way in a request and in the worker, and never from a request's Host header.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app

from app import unit_of_work, worker

from . import outbox, tasks
from .models import OutboxEmail


def link(endpoint: str, _anchor: str | None = None, **values) -> str:
    """The absolute address of ``endpoint`` on this site, for an e-mail (``_anchor``: "#…" after it)."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True) + (f"#{_anchor}" if _anchor else "")


def render(template: str, **context) -> tuple[str, str]:
    """The text and HTML parts of ``template`` (no request needed: the worker renders too)."""
    env = current_app.jinja_env
    context = {"site_url": current_app.config["PUBLIC_URL"], **context}
    text = env.get_template(f"email/{template}.txt").render(context).strip() + "\n"
    html = env.get_template(f"email/{template}.html").render(context)
    return text, html


def send(template: str, *, to: str, subject: str, user=None, secret: bool = False,
         at_most_every: timedelta | None = None, headers: dict[str, str] | None = None,
         **context) -> OutboxEmail | None:
    """Write the e-mail ``template`` to ``to`` into this unit of work; the worker sends it after the commit.

    ``secret``: it holds a one-time link (its body is emptied once sent). ``at_most_every``:
    write nothing (and return None) when the same kind went to ``to`` less than that ago.
    ``headers``: extra e-mail headers (``List-Unsubscribe``...)."""
    if at_most_every is not None and outbox.sent_recently(template, to, at_most_every):
        return None
    row = outbox.add(**_rendered(Email(template, to=to, subject=subject, user=user, secret=secret, headers=headers,
                                       context=context)))
    unit_of_work.after_commit(wake_worker)
    return row


@dataclass
class Email:
    """One e-mail for ``send_many``: ``send``'s arguments."""

    template: str
    to: str
    subject: str
    user: object = None
    secret: bool = False
    headers: dict[str, str] | None = None
    context: dict = field(default_factory=dict)


def send_many(emails: list[Email]) -> None:
    """Write many e-mails into this unit of work with one ``INSERT`` (notifications to a whole
    class cost the same queries as one); the worker sends them after the commit."""
    if emails:
        outbox.add_many([_rendered(email) for email in emails])
        unit_of_work.after_commit(wake_worker)


def _rendered(email: Email) -> dict:
    text, html = render(email.template, subject=email.subject, user=email.user, to=email.to, **email.context)
    return dict(kind=email.template, to=email.to, subject=email.subject, text=text, html=html,
                user_id=getattr(email.user, "id", None), secret=email.secret, headers=email.headers)


def wake_worker() -> None:
    """Queue the send task (after a commit that wrote e-mails)."""
    worker.enqueue(tasks.send_outbox)
