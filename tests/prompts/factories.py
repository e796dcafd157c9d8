"""Prompt test data built through the services."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import clock
from app.extensions import db
from app.forum import posts
from app.forum.models import Post, Thread
from app.prompts import services
from app.prompts.services import TopicInput

NOW = datetime(2026, 11, 20, 12, 0)


def make_prompt(classroom, teacher, *, publish: bool = True, **values):
    """A prompt with two topics; open from an hour ago, closing in a week (unless overridden)."""
    data = {"title": "Should we use Skype?", "instructions": "Choose **one** topic and write.",
            "starters": "I agree with … because …\nCould you explain …?", "time_zone": "Europe/London",
            "opens_at": NOW - timedelta(hours=1), "closes_at": NOW + timedelta(days=7),
            "min_words_first": 10, "replies_required": 2, "min_words_reply": 3}
    data.update(values)
    prompt = services.create_prompt(classroom, teacher, data,
                                     [TopicInput(None, "Practising speaking online", "Is it useful?"),
                                      TopicInput(None, "Staying on topic", "")])
    if publish:
        services.publish(prompt)
    db.session.commit()
    return prompt


def topic_thread(prompt, index: int = 0) -> Thread:
    return db.session.get(Thread, sorted(prompt_topics(prompt), key=lambda t: t.position)[index].thread_id)


def prompt_topics(prompt):
    from app.prompts.models import Topic

    return list(db.session.scalars(select(Topic).where(Topic.prompt_id == prompt.id).order_by(Topic.position)))


def opening(thread) -> Post:
    return db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.depth == 0))


def write(thread, author, text, parent=None) -> Post:
    """A post by ``author``: an answer to the topic, or a reply to ``parent``."""
    thread = db.session.scalar(select(Thread).options(joinedload(Thread.forum)).where(Thread.id == thread.id))
    post = posts.reply(parent or opening(thread), thread, author, text)
    db.session.commit()
    return post


def words(n: int) -> str:
    return " ".join(["word"] * n)


def prompt_samples(world) -> dict:
    """Sample URL values: an open prompt in ``world.classroom`` with a post by the student."""
    clock.freeze(None)
    now = clock.now()
    prompt = make_prompt(world.classroom, world.teacher, opens_at=now - timedelta(hours=1),
                         closes_at=now + timedelta(days=7))
    write(topic_thread(prompt), world.student, words(12))
    from app.classes.services import membership_of

    return {"prompt_id": prompt.id, "membership_id": membership_of(world.student.id, world.classroom.id).id}
