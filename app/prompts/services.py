"""Prompts: create, edit, publish, reopen, extend; loaders; times and states.

Services add and flush; the request commits (app.unit_of_work). Each topic is a thread in the prompt's
own forum, started by the teacher with the topic's description.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import abort
from markupsafe import Markup
from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from app import clock
from app.classes.models import Classroom
from app.content import render
from app.extensions import db
from app.formatting import iso, when
from app.forum import posts as forum_posts
from app.forum import services as forum_services
from app.forum.models import Post, Thread
from app.timezones import to_local, viewer_zone

from .models import Extension, Prompt, Topic

#: Fields copied from the form to the prompt as they are.
PLAIN_FIELDS = ("title", "starters", "time_zone", "opens_at", "closes_at", "min_words_first", "replies_required",
                "min_words_reply", "first_post_due", "replies_due", "post_first", "names_hidden", "one_topic",
                "chat_at", "chat_minutes", "chat_url", "min_voice_seconds", "voice_seconds_max", "transcript_required")


class TopicsHavePosts(Exception):
    """Removing these topics would hide students' posts; ask the teacher first."""

    def __init__(self, titles: list[str]):
        super().__init__(", ".join(titles))
        self.titles = titles


@dataclass
class TopicInput:
    """A topic as the teacher typed it (``id`` None for a new one)."""

    id: int | None
    title: str
    description: str = ""


# -- time zones ---------------------------------------------------------------------

def show_time(moment: datetime | None, zone: str) -> str:
    """"Friday 27 November 2026, 17:00 (Europe/London)", in the viewer's own zone (``zone`` when they have none)."""
    if moment is None:
        return ""
    zone = viewer_zone(zone)
    local = to_local(moment, zone)
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M} ({zone.replace('_', ' ')})"


def time_element(moment: datetime | None, zone: str) -> Markup:
    """A ``<time>`` element: "in 3 days · Thu 3 Dec, 18:34" in the viewer's zone (``zone`` when they
    have none), with the full date and zone (``show_time``) on hover."""
    if moment is None:
        return Markup("")
    shown = when(moment, viewer_zone(zone))
    return Markup('<time datetime="{}" title="{}">{}</time>').format(iso(moment), show_time(moment, zone), shown)


# -- states -------------------------------------------------------------------------

def is_open_to_students(prompt: Prompt, now: datetime | None = None) -> bool:
    """Published and past its opening time."""
    now = now or clock.now()
    return prompt.published_at is not None and (prompt.opens_at is None or prompt.opens_at <= now)


def closes_for(prompt: Prompt, user_id: int) -> datetime | None:
    """When the prompt closes for this student (an extension moves it later)."""
    return closes_of([prompt], user_id)[prompt.id]


def closes_of(prompts: list[Prompt], user_id: int) -> dict[int, datetime | None]:
    """Prompt id -> ``closes_for`` for each prompt (one query, none when no prompt has a closing time)."""
    closing = [p.id for p in prompts if p.closes_at is not None]
    extended = dict(db.session.execute(
        select(Extension.prompt_id, Extension.closes_at)
        .where(Extension.prompt_id.in_(closing), Extension.user_id == user_id)).all()) if closing else {}
    return {p.id: None if p.closes_at is None else max(p.closes_at, extended.get(p.id) or p.closes_at)
            for p in prompts}


def is_closed_for(prompt: Prompt, user_id: int, now: datetime | None = None) -> bool:
    """Past the closing time (with any extension) for this student."""
    closes = closes_for(prompt, user_id)
    return closes is not None and (now or clock.now()) >= closes


#: A chat without a length is taken to last an hour.
DEFAULT_CHAT_MINUTES = 60


def chat_ends_at(prompt: Prompt) -> datetime | None:
    if prompt.chat_at is None:
        return None
    return prompt.chat_at + timedelta(minutes=prompt.chat_minutes or DEFAULT_CHAT_MINUTES)


def chat_state(prompt: Prompt, now: datetime | None = None) -> str | None:
    """"later", "soon" (15 minutes before), "live", "finished", or None without a chat."""
    if prompt.chat_at is None or not prompt.chat_url:
        return None
    now = now or clock.now()
    minutes = (prompt.chat_at - now).total_seconds() / 60
    if minutes > 15:
        return "later"
    if minutes > 0:
        return "soon"
    if now < chat_ends_at(prompt):
        return "live"
    return "finished"


def chat_changes_at(prompt: Prompt, now: datetime | None = None) -> datetime | None:
    """When ``chat_state`` next changes (the page reloads itself then); None once finished."""
    state = chat_state(prompt, now)
    if state == "later":
        return prompt.chat_at - timedelta(minutes=15)
    if state == "soon":
        return prompt.chat_at
    if state == "live":
        return chat_ends_at(prompt)
    return None


def starter_list(prompt: Prompt) -> list[str]:
    """The sentence starters, one per non-empty line."""
    return [line.strip() for line in (prompt.starters or "").splitlines() if line.strip()]


# -- loaders ------------------------------------------------------------------------

def get_prompt(classroom: Classroom, prompt_id: int, *, teacher: bool) -> Prompt:
    """The prompt with its topics, or 404 (for students also while a draft or not yet open)."""
    prompt = db.session.scalar(
        select(Prompt).options(selectinload(Prompt.topics))
        .where(Prompt.id == prompt_id, Prompt.classroom_id == classroom.id))
    if prompt is None or (not teacher and not is_open_to_students(prompt)):
        abort(404)
    return prompt


def class_prompts(classroom: Classroom, *, teacher: bool) -> list[Prompt]:
    """The class's prompts, newest first: all for teachers, open ones for students."""
    stmt = (select(Prompt).options(selectinload(Prompt.topics))
            .where(Prompt.classroom_id == classroom.id).order_by(Prompt.id.desc()))
    prompts = list(db.session.scalars(stmt))
    return prompts if teacher else [p for p in prompts if is_open_to_students(p)]


def prompt_of_thread(thread_id: int) -> tuple[Prompt, Topic] | None:
    """The prompt and topic a thread belongs to (None for an ordinary thread)."""
    row = db.session.execute(
        select(Prompt, Topic).join(Topic, Topic.prompt_id == Prompt.id).where(Topic.thread_id == thread_id)
    ).first()
    return (row[0], row[1]) if row else None


def topic_threads(prompt: Prompt) -> list[int]:
    """Thread ids of all the prompt's topics (archived ones too)."""
    return list(db.session.scalars(select(Topic.thread_id).where(Topic.prompt_id == prompt.id)))


# -- writing ------------------------------------------------------------------------

def create_prompt(classroom: Classroom, author, values: dict, topics: list[TopicInput]) -> Prompt:
    """A draft prompt with its own (archived until published) forum and a thread per topic."""
    forum = forum_services.create_forum(classroom, forum_title(values["title"]), "The topics of a discussion: choose one and write your first post.")
    forum.archived = True
    prompt = Prompt(classroom_id=classroom.id, forum_id=forum.id, author_id=author.id)
    _set_fields(prompt, values)
    db.session.add(prompt)
    db.session.flush()
    for position, topic in enumerate(topics):
        _add_topic(prompt, forum, author, topic, position)
    return prompt


def update_prompt(prompt: Prompt, author, values: dict, topics: list[TopicInput], *, archive_ok: bool) -> None:
    """Change text, dates, requirements and topics. Raises TopicsHavePosts when a removed
    topic has students' posts and ``archive_ok`` is false (nothing is changed then)."""
    kept = {t.id for t in topics if t.id}
    current = {t.id: t for t in prompt.topics if not t.archived}
    removed = [t for tid, t in current.items() if tid not in kept]
    with_posts = [t for t in removed if _has_replies(t)]
    if with_posts and not archive_ok:
        raise TopicsHavePosts([t.title for t in with_posts])
    _set_fields(prompt, values)
    forum = forum_services.get_forum(_Class(prompt.classroom_id), prompt.forum_id)
    forum.title = forum_title(values["title"])
    gone = [t.thread_id for t in removed if t not in with_posts]
    for topic in with_posts:
        topic.archived = True
    if gone:  # the topics go with their threads (the database cascades)
        db.session.execute(delete(Topic).where(Topic.thread_id.in_(gone)))
        db.session.execute(delete(Thread).where(Thread.id.in_(gone)))
    for position, data in enumerate(topics):
        topic = current.get(data.id) if data.id else None
        if topic is None:
            _add_topic(prompt, forum, author, data, position)
            continue
        topic.position = position
        if (topic.title, topic.description) != (data.title, data.description):
            topic.title, topic.description = data.title, data.description
            thread = db.session.get(Thread, topic.thread_id)
            thread.title = data.title
            opening = db.session.scalar(select(Post).where(Post.thread_id == topic.thread_id, Post.depth == 0))
            if opening is not None:
                opening.source = _opening_text(data)
                opening.html = render(opening.source, "post")
    db.session.flush()


def publish(prompt: Prompt) -> None:
    """Students can see the prompt from its opening time."""
    prompt.published_at = clock.now()
    forum = forum_services.get_forum(_Class(prompt.classroom_id), prompt.forum_id)
    forum.archived = False


def reopen(prompt: Prompt) -> None:
    """Take the closing time away: students can post again."""
    prompt.closes_at = None


def extend(prompt: Prompt, user_id: int, closes_at: datetime) -> None:
    """Give one student until ``closes_at`` (replaces an earlier extension)."""
    forum_services.upsert(Extension, {"prompt_id": prompt.id, "user_id": user_id, "closes_at": closes_at},
                          ["prompt_id", "user_id"], {"closes_at": closes_at})


def extensions(prompt: Prompt) -> dict[int, datetime]:
    """user id -> their closing time."""
    return dict(db.session.execute(
        select(Extension.user_id, Extension.closes_at).where(Extension.prompt_id == prompt.id)).all())


def topic_choices(prompt: Prompt) -> dict[int, int]:
    """thread id -> how many students (not the teacher who started it) posted there."""
    rows = db.session.execute(
        select(Post.thread_id, func.count(func.distinct(Post.author_id)))
        .join(Thread, Thread.id == Post.thread_id)
        .where(Post.thread_id.in_(topic_threads(prompt)), Post.depth > 0, Post.author_id != Thread.author_id)
        .group_by(Post.thread_id))
    return dict(rows.all())


# -- helpers ------------------------------------------------------------------------

class _Class:
    def __init__(self, id: int):
        self.id = id


def _set_fields(prompt: Prompt, values: dict) -> None:
    for name in PLAIN_FIELDS:
        if name in values:
            setattr(prompt, name, values[name])
    if "instructions" in values:
        prompt.instructions_source = values["instructions"] or ""
        prompt.instructions_html = render(prompt.instructions_source, "post")


def forum_title(title: str) -> str:
    """The prompt's forum: "Discussion: <title>" (forum titles hold 100 characters)."""
    text = f"Discussion: {title}"
    return text if len(text) <= 100 else text[:99] + "…"


def _opening_text(topic: TopicInput) -> str:
    return topic.description or f"Write about: {topic.title}"


def _add_topic(prompt: Prompt, forum, author, data: TopicInput, position: int) -> Topic:
    thread = forum_posts.start_thread(forum, author, data.title, _opening_text(data))
    topic = Topic(prompt_id=prompt.id, thread_id=thread.id, title=data.title, description=data.description,
                  position=position)
    db.session.add(topic)
    db.session.flush()
    from app.hooks import topic_added  # late import: features subscribe to it

    topic_added.send(topic, prompt=prompt)
    return topic


def _has_replies(topic: Topic) -> bool:
    return db.session.scalar(
        select(func.count(Post.id)).where(Post.thread_id == topic.thread_id, Post.depth > 0)) > 0
