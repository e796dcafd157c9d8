"""Demo wiki content."""
from __future__ import annotations

from sqlalchemy import select

from app.classes.models import Classroom
from app.extensions import db
from app.wiki.models import WikiPage, WikiRevision


def test_demo_wiki_has_home_vocabulary_table_and_a_page_edited_by_three_students(app):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    esl = db.session.scalar(select(Classroom).where(Classroom.name == "ESL Discussion 101"))
    by_slug = {p.slug: p for p in db.session.scalars(select(WikiPage).where(WikiPage.classroom_id == esl.id))}
    assert set(by_slug) == {"home", "vocabulary-communities-of-practice", "my-weekend"}
    assert "<table>" in by_slug["vocabulary-communities-of-practice"].html
    assert f'href="/classes/{esl.id}/wiki/my-weekend"' in by_slug["home"].html
    assert "new?title=Useful+phrases+for+discussions" in by_slug["home"].html
    revisions = db.session.scalars(select(WikiRevision).where(WikiRevision.page_id == by_slug["my-weekend"].id)
                                   .order_by(WikiRevision.number)).all()
    assert [r.number for r in revisions] == [1, 2, 3]
    assert len({r.author_id for r in revisions}) == 3
    assert "bought a lot of vegetables" in by_slug["my-weekend"].html
