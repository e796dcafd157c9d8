"""Draft test data, kept through the service the editor's autosave uses."""
from __future__ import annotations

from app.drafts import services
from app.extensions import db
from tests.forum.factories import opening, start


def save(user, key: str, text: str):
    """Autosave ``text`` for ``user`` under ``key`` (asserts the key was accepted), committed."""
    assert services.autosave(user, key, text) is not None, key
    db.session.commit()


def draft_samples(world, forum: dict) -> dict:
    """A reply the student is writing to the sample thread's first post."""
    from app.drafts.models import Draft
    from app.forum.models import Thread

    first = opening(db.session.get(Thread, forum["thread_id"]))
    save(world.student, f"reply-to-post-{first.id}", "I am still writing this reply.")
    draft = db.session.scalar(db.select(Draft).where(Draft.user_id == world.student.id))
    return {"draft_id": draft.id}


__all__ = ["save", "draft_samples", "start", "opening"]
