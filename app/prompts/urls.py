"""The discussions' addresses, in one place."""
from __future__ import annotations

from flask import url_for


def prompt_url(prompt) -> str:
    """The discussion's page: instructions, topics, the student's checklist."""
    return url_for("prompts.prompt", class_id=prompt.classroom_id, prompt_id=prompt.id)
