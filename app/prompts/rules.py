"""How the prompt's rules reach the forum: the provider for ``app.forum.rules``.

In a topic thread, for a student: 404 before the opening time (or while a
draft); read-only after the closing time unless extended; with "post first",
only the opening post and their own until they post there; with hidden names,
classmates are "Classmate N", numbered in the order of their first post in the
prompt (so the numbers never change). Teachers see everything.
"""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.orm import aliased

from app import clock
from app.classes.models import Membership, Role
from app.classes.services import membership_of
from app.extensions import db
from app.forum import rules as forum_rules
from app.forum.models import Post, Thread
from app.permissions import can_teach

from . import services
from .models import Prompt, Topic


class PromptTopic(NamedTuple):
    """What a topic thread's rules come from (``ThreadRules.about``), for the thread page's sections."""

    prompt: Prompt
    topic: Topic


def classmate_numbers(prompt: Prompt) -> dict[int, int]:
    """Student user id -> N of "Classmate N", by order of first post in the prompt."""
    return classmate_numbers_of([prompt.id]).get(prompt.id, {})


def classmate_numbers_of(prompt_ids: list[int]) -> dict[int, dict[int, int]]:
    """``classmate_numbers`` for several prompts in one query: prompt id -> {student id: N}."""
    if not prompt_ids:
        return {}
    rows = db.session.execute(
        select(Topic.prompt_id, Post.author_id, func.min(Post.id).label("first"))
        .join(Topic, Topic.thread_id == Post.thread_id)
        .join(Membership, (Membership.user_id == Post.author_id) & (Membership.classroom_id == Post.classroom_id))
        .where(Topic.prompt_id.in_(prompt_ids), Membership.role == Role.STUDENT, Post.depth > 0)
        .group_by(Topic.prompt_id, Post.author_id)
        .order_by("first")
    ).all()
    numbers: dict[int, dict[int, int]] = {}
    for prompt_id, author_id, _ in rows:
        known = numbers.setdefault(prompt_id, {})
        known[author_id] = len(known) + 1
    return numbers


def name_mapper(numbers: dict[int, int], viewer_id: int):
    """``name(author_id, real_name)`` showing classmates as "Classmate N" (the viewer keeps their name);
    ``numbers`` comes from ``classmate_numbers``."""

    def name(author_id: int, real: str) -> str:
        if author_id == viewer_id or author_id not in numbers:
            return real
        return f"Classmate {numbers[author_id]}"

    return name


def has_posted(thread_id: int, user_id: int) -> bool:
    """The user wrote in this thread (beyond its opening post)."""
    return thread_id in posted_in([thread_id], user_id)


def posted_in(thread_ids: list[int], user_id: int) -> set[int]:
    """Which of these threads the user wrote in (beyond the opening post), in one query."""
    if not thread_ids:
        return set()
    return set(db.session.scalars(
        select(Post.thread_id).where(Post.thread_id.in_(thread_ids), Post.author_id == user_id, Post.depth > 0)
        .distinct()))


def student_view(prompt: Prompt, user_id: int, *, posted: bool, numbers: dict[int, int] | None):
    """What a student may read in a topic of an open prompt: with "post first", only the opening
    post and their own until ``posted``; with hidden names, classmates as "Classmate N" (``numbers``)."""
    rules = forum_rules.ThreadRules()
    if prompt.post_first and not posted:
        rules.visible = lambda post: post.depth == 0 or post.author_id == user_id
        rules.waiting = "You see your classmates’ posts after you write your first post."
    if prompt.names_hidden:
        rules.name = name_mapper(numbers or {}, user_id)
    return rules


def writer_closed_reason(prompt: Prompt, topic: Topic, user_id: int) -> str | None:
    """Why this student cannot write in this topic now, or None."""
    if topic.archived:
        return "The teacher removed this topic, so nobody can write in it now."
    if services.is_closed_for(prompt, user_id):
        closes = services.closes_for(prompt, user_id)
        return (f"This discussion closed on {services.show_time(closes, prompt.time_zone)}. "
                "You can still read it, but you cannot write in it now.")
    if prompt.one_topic:
        other = db.session.scalar(
            select(Topic.title).join(Post, Post.thread_id == Topic.thread_id)
            .where(Topic.prompt_id == prompt.id, Topic.id != topic.id, Post.author_id == user_id, Post.depth > 0)
            .limit(1))
        if other:
            return f"You chose the topic “{other}”. In this discussion you write in one topic only."
    return None


def thread_rules(thread, user, teacher: bool):
    """The forum rules provider (None for threads that are not topics)."""
    found = services.prompt_of_thread(thread.id)
    if found is None:
        return None
    prompt, topic = found
    starters = services.starter_list(prompt)
    voice = {"voice_seconds": prompt.voice_seconds_max, "transcript_required": prompt.transcript_required}
    if teacher:
        return forum_rules.ThreadRules(about=PromptTopic(prompt, topic), starters=starters, **voice)
    if not services.is_open_to_students(prompt):
        return forum_rules.ThreadRules(hidden=True)
    reason = writer_closed_reason(prompt, topic, user.id)
    posted = has_posted(thread.id, user.id)
    rules = student_view(prompt, user.id, posted=posted,
                         numbers=classmate_numbers(prompt) if prompt.names_hidden else None)
    rules.closed, rules.frozen, rules.starters = reason, reason, starters
    rules.first_post = not posted
    rules.first_post_words, rules.reply_words = prompt.min_words_first or 0, prompt.min_words_reply or 0
    rules.first_post_seconds = prompt.min_voice_seconds or 0
    rules.voice_seconds, rules.transcript_required = voice["voice_seconds"], voice["transcript_required"]
    rules.about = PromptTopic(prompt, topic)
    return rules


def reading_rules_of_class(classroom_id: int, user, teacher: bool) -> dict[int, forum_rules.ThreadRules]:
    """The reading provider: ``thread_rules``'s hidden, visible and name for every topic thread of
    the class at once (at most three queries), for lists outside the thread page such as search."""
    rows = db.session.execute(
        select(Topic.thread_id, Prompt).join(Prompt, Prompt.id == Topic.prompt_id)
        .where(Prompt.classroom_id == classroom_id)
    ).all()
    if teacher:
        return {thread_id: forum_rules.ThreadRules() for thread_id, _ in rows}
    now = clock.now()
    open_rows = [(thread_id, prompt) for thread_id, prompt in rows if services.is_open_to_students(prompt, now)]
    posted = posted_in([thread_id for thread_id, prompt in open_rows if prompt.post_first], user.id)
    numbers = classmate_numbers_of(sorted({prompt.id for _, prompt in open_rows if prompt.names_hidden}))
    found = {thread_id: forum_rules.ThreadRules(hidden=True) for thread_id, _ in rows}
    for thread_id, prompt in open_rows:
        found[thread_id] = student_view(prompt, user.id, posted=thread_id in posted,
                                        numbers=numbers.get(prompt.id, {}))
    return found


def open_to_students(now):
    """``services.is_open_to_students`` as an SQL condition on ``Prompt``."""
    return and_(Prompt.published_at.is_not(None), or_(Prompt.opens_at.is_(None), Prompt.opens_at <= now))


def readable_prompts(user, teacher: bool):
    """The prompts ``user`` may open, as an SQL condition on ``Prompt``: teachers all, students open ones."""
    return None if teacher else open_to_students(clock.now())


def reading_query(classroom_id: int, user, teacher: bool):
    """The query provider: ``thread_rules``'s hidden and visible as an SQL condition on ``Post``
    and ``Thread`` (None for teachers, who read everything). A student reads nothing in the forum
    or topics of a prompt not open to them, and in a "post first" topic they have not written in,
    only the opening post and their own."""
    if teacher:
        return None
    closed = select(Prompt.id).where(Prompt.classroom_id == classroom_id, not_(open_to_students(clock.now())))
    closed_forums = select(Prompt.forum_id).where(Prompt.id.in_(closed))
    closed_topics = select(Topic.thread_id).where(Topic.prompt_id.in_(closed))
    post_first = (select(Topic.thread_id).join(Prompt, Prompt.id == Topic.prompt_id)
                  .where(Prompt.classroom_id == classroom_id, Prompt.post_first.is_(True)))
    mine = aliased(Post)
    posted = select(mine.thread_id).where(mine.author_id == user.id, mine.classroom_id == classroom_id, mine.depth > 0)
    return and_(Thread.forum_id.not_in(closed_forums), Post.thread_id.not_in(closed_topics),
                or_(Post.depth == 0, Post.author_id == user.id, Post.thread_id.not_in(post_first),
                    Post.thread_id.in_(posted)))


def reading_rules_of_readers(threads: list, members: dict[int, set[int]],
                             teaching: set[tuple[int, int]]) -> dict[tuple[int, int], forum_rules.ThreadRules]:
    """The readers provider: ``thread_rules``'s hidden, visible and name for many users in many topic
    threads at once (at most three queries, whatever the numbers), for e-mails and digests."""
    rows = db.session.execute(
        select(Topic.thread_id, Prompt).join(Prompt, Prompt.id == Topic.prompt_id)
        .where(Topic.thread_id.in_(sorted({t.id for t in threads})))
    ).all()
    if not rows:
        return {}
    now = clock.now()
    open_prompts = {prompt.id for _, prompt in rows if services.is_open_to_students(prompt, now)}
    waiting = [thread_id for thread_id, prompt in rows if prompt.id in open_prompts and prompt.post_first]
    posted = {(thread_id, author_id) for thread_id, author_id in db.session.execute(
        select(Post.thread_id, Post.author_id).where(Post.thread_id.in_(waiting), Post.author_id.in_(sorted(members)),
                                                      Post.depth > 0).distinct()
    )} if waiting else set()
    numbers = classmate_numbers_of(sorted({p.id for _, p in rows if p.id in open_prompts and p.names_hidden}))
    found: dict[tuple[int, int], forum_rules.ThreadRules] = {}
    for thread_id, prompt in rows:
        for user_id, classes in members.items():
            if prompt.classroom_id not in classes:
                continue
            if (user_id, prompt.classroom_id) in teaching:
                found[thread_id, user_id] = forum_rules.ThreadRules()
            elif prompt.id not in open_prompts:
                found[thread_id, user_id] = forum_rules.ThreadRules(hidden=True)
            else:
                found[thread_id, user_id] = student_view(prompt, user_id, posted=(thread_id, user_id) in posted,
                                                         numbers=numbers.get(prompt.id, {}))
    return found


def forum_rules_of_class(classroom_id: int, user, teacher: bool) -> dict[int, forum_rules.ForumRules]:
    """The forums provider: a prompt's forum is only the teacher's to start threads in, and
    students do not see it at all until the prompt is open to them (one query; none for teachers)."""
    if teacher:
        return {}
    rows = db.session.execute(
        select(Prompt.forum_id, Prompt.published_at, Prompt.opens_at).where(Prompt.classroom_id == classroom_id)
    ).all()
    now = clock.now()
    return {forum_id: forum_rules.ForumRules(
        hidden=published is None or (opens is not None and opens > now), start_threads=False)
        for forum_id, published, opens in rows}


def hidden_names(user, post_ids: list[int]) -> dict[int, str]:
    """For notifications and search: "Classmate N" for classmates' posts in prompts with hidden
    names, unless ``user`` teaches the class (or is a site admin). A fixed number of queries: the
    posts, ``user``'s membership of each class among them, the numbers of every prompt at once."""
    rows = db.session.execute(
        select(Post.id, Post.author_id, Prompt.id.label("prompt_id"), Prompt.classroom_id)
        .join(Topic, Topic.thread_id == Post.thread_id)
        .join(Prompt, Prompt.id == Topic.prompt_id)
        .where(Post.id.in_(post_ids), Prompt.names_hidden.is_(True))
    ).all()
    teaches = {class_id: can_teach(user, membership_of(user.id, class_id))
               for class_id in sorted({row.classroom_id for row in rows})}
    numbers = classmate_numbers_of(sorted({row.prompt_id for row in rows if not teaches[row.classroom_id]}))
    names: dict[int, str] = {}
    for row in rows:
        known = numbers.get(row.prompt_id)
        if known and row.author_id != user.id and row.author_id in known:
            names[row.id] = f"Classmate {known[row.author_id]}"
    return names


forum_rules.register(thread_rules)
forum_rules.register_names(hidden_names)
forum_rules.register_forums(forum_rules_of_class)
forum_rules.register_reading(reading_rules_of_class)
forum_rules.register_reading_query(reading_query)
forum_rules.register_readers(reading_rules_of_readers)
