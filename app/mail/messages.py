"""Write an e-mail: render its two parts, put it in the outbox, wake the worker after the commit.

Every e-mail has a plain-text part (``templates/email/<template>.txt``) and an HTML part
(``templates/email/<template>.html``, on ``email/_layout.html``), in short, plain words.
Links are absolute and start with ``PUBLIC_URL`` (``link``): they are built the same
way in a request and in the worker, and never from a request's Host header.
"""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app

from app import unit_of_work, worker

from . import outbox, tasks
from .models import OutboxEmail


def link(endpoint: str, **values) -> str:
    """The absolute address of ``endpoint`` on this site, for an e-mail."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def render(template: str, **context) -> tuple[str, str]:
    """The text and HTML parts of ``template`` (no request needed: the worker renders too)."""
    env = current_app.jinja_env
    context = {"site_url": current_app.config["PUBLIC_URL"], **context}
    text = env.get_template(f"email/{template}.txt").render(context).strip() + "\n"
    html = env.get_template(f"email/{template}.html").render(context)
    return text, html


def send(template: str, *, to: str, subject: str, user=None, secret: bool = False,
         at_most_every: timedelta | None = None, **context) -> OutboxEmail | None:
    """Write the e-mail ``template`` to ``to`` into this unit of work; the worker sends it after the commit.

    ``secret``: it holds a one-time link (its body is emptied once sent). ``at_most_every``:
    write nothing (and return None) when the same kind went to ``to`` less than that ago."""
    if at_most_every is not None and outbox.sent_recently(template, to, at_most_every):
        return None
    text, html = render(template, subject=subject, user=user, to=to, **context)
    row = outbox.add(kind=template, to=to, subject=subject, text=text, html=html,
                     user_id=getattr(user, "id", None), secret=secret)
    unit_of_work.after_commit(wake_worker)
    return row


def wake_worker() -> None:
    """Queue the send task (after a commit that wrote e-mails)."""
    worker.enqueue(tasks.send_outbox)
