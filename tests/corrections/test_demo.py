"""The demo has corrections, so "My language" and the class view show something."""
from __future__ import annotations

from sqlalchemy import func, select

from app import demo
from app.corrections.models import Correction, MarkedText
from app.extensions import db


def test_demo_marks_words_in_posts_and_a_reflection(app):
    demo.load()
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Correction)) >= 6
    assert db.session.scalar(select(func.count()).select_from(Correction).where(Correction.reflection_id.is_not(None)))
    for html in db.session.scalars(select(MarkedText.html)):
        assert '<mark class="correction"' in html
