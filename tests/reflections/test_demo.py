"""Demo reflections."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.reflections import status
from app.reflections.models import Assignment, PromptReflection, Reflection
from app.reflections.rubric import DEFAULT_RUBRIC


def test_demo_prompt_has_reflections_one_late_and_a_draft(app):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    settings = db.session.scalar(select(PromptReflection))
    assert settings.rubric == DEFAULT_RUBRIC and settings.min_words == 80
    assignments = {a.id: a for a in db.session.scalars(select(Assignment))}
    assert len(assignments) == 2 and all(a.follows_prompt for a in assignments.values())
    reflections = list(db.session.scalars(select(Reflection)))
    states = sorted(status.state(assignments[r.assignment_id], r, None) for r in reflections)
    assert states == ["draft", "late", "submitted", "submitted"]
    assert all(r.words >= 80 for r in reflections if r.submitted_at)
