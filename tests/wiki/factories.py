"""Wiki test data built through the services, as the app would."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.wiki import services
from app.wiki.models import WikiPage, WikiRevision


def make_page(classroom, author, title="Phrasal verbs", source="Give up means stop.\n\nLook after means care for."):
    page = services.create_page(classroom, author, title, source)
    db.session.commit()
    return page


def edit_page(page, author, source, summary=""):
    result = services.save_edit(page, author, page.current_revision_id, source, summary)
    db.session.commit()
    return result


def reload(page_id) -> WikiPage:
    db.session.expire_all()
    return db.session.get(WikiPage, page_id)


def revision_count(page_id) -> int:
    return db.session.scalar(select(func.count()).select_from(WikiRevision).where(WikiRevision.page_id == page_id))


def wiki(classroom) -> str:
    return f"/classes/{classroom.id}/wiki"
