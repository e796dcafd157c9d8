"""Demo prompts."""
from __future__ import annotations

from sqlalchemy import select

from app.classes.models import Classroom
from app.extensions import db
from app.prompts import progress, services
from app.prompts.models import Prompt


def test_demo_has_an_open_and_a_scheduled_prompt(app):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    esl = db.session.scalar(select(Classroom).where(Classroom.name == "ESL Discussion 101"))
    prompts = db.session.scalars(select(Prompt).where(Prompt.classroom_id == esl.id).order_by(Prompt.id)).all()
    assert [p.title for p in prompts] == ["Should our class use Skype for speaking practice?",
                                          "Food from home: a recipe to share"]
    assert [p.title for p in services.class_prompts(esl, teacher=False)] == [prompts[0].title]
    assert services.chat_state(prompts[0]) == "finished"
    rows = [r for r in progress.participation(prompts[0]) if r.first_words]
    assert len(rows) == 3 and any(r.replies for r in rows)
