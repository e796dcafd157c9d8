"""Talk pages: each wiki page's discussion is a thread in the class forum, made on first use."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.forum.models import Forum, Thread
from app.forum.posts import start_thread

from .links import _escape_text
from .models import WikiPage
from .urls import page_url


def talk_thread(page: WikiPage) -> Thread | None:
    """The page's talk thread, if it was started (and not deleted)."""
    if page.talk_thread_id is None:
        return None
    return db.session.scalar(select(Thread).where(Thread.id == page.talk_thread_id,
                                                  Thread.classroom_id == page.classroom_id))


def first_forum(classroom_id: int) -> Forum | None:
    """The class's first open forum, where talk threads go."""
    return db.session.scalar(select(Forum).where(Forum.classroom_id == classroom_id, Forum.archived.is_(False))
                             .order_by(Forum.position, Forum.id).limit(1))


def start_talk(page: WikiPage, user) -> Thread | None:
    """Start the talk thread with the forum's own service; None when the class has no open forum."""
    existing = talk_thread(page)
    if existing is not None:
        return existing
    forum = first_forum(page.classroom_id)
    if forum is None:
        return None
    thread = start_thread(forum, user, f"Talk: {page.title}"[:150],
                          f"This thread is for talking about the wiki page [{_escape_text(page.title)}]({page_url(page.classroom_id, page.slug)}). "
                          "Ask questions and suggest changes here.")
    page.talk_thread_id = thread.id
    return thread
