"""Corrections test data built through the services, as the app would."""
from __future__ import annotations

from app.corrections import services
from app.extensions import db
from app.forum.models import Post
from tests.forum.factories import reply, start

STORY = "Yesterday I goed to the park with my sister. She have a red bike and we eated ice cream."


def student_post(world, text: str = STORY) -> Post:
    """A thread by the teacher and the student's reply holding ``text``."""
    _, first = start(world.classroom, world.teacher, "Your weekend", "Tell us about your weekend.")
    return reply(first, world.student, text)


def correct(post_or_text, teacher, words, code="SP", occurrence=1, better="", comment=""):
    """Add a correction (committed)."""
    text = services.post_text(post_or_text) if isinstance(post_or_text, Post) else post_or_text
    correction = services.add(text, teacher, words=words, occurrence=occurrence, code=code, better=better,
                              comment=comment)
    db.session.commit()
    return correction


def correction_samples(world) -> dict:
    """A correction of the student's sample reply (``forum_samples``) and a class code."""
    from tests.test_access import forum_samples

    post = db.session.get(Post, forum_samples(world)["post_id"])
    correction = correct(post, world.teacher, "went", code="T", better="go", comment="Sample")
    code = services.add_code(world.classroom.id, "COL", "Collocation", "These words do not usually go together.")
    db.session.commit()
    return {"correction_id": correction.id, "code_id": code.id}
