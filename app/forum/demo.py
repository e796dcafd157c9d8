"""Demo forum content: two threads in "ESL Discussion 101", and big threads on request."""
from __future__ import annotations

import random

from sqlalchemy import func, insert, select, text, update

from app import clock
from app.classes.models import Classroom, Membership, Role
from app.content import count_words, render
from app.extensions import db

from . import posts
from .models import Forum, Post, Thread

THREADS = [
    ("What do you eat for breakfast?",
     "In my country we usually eat rice and soup for breakfast. What do you eat in the morning? "
     "Is it different at the weekend?",
     [(None, "I eat bread with cheese and I drink strong coffee. At the weekend we eat eggs together."),
      (0, "Coffee is my favourite too! Do you drink it with milk?"),
      (1, "No, I drink it black. My sister says it is too bitter."),
      (None, "I often skip breakfast because I am late for work. I know it is not healthy."),
      (3, "Try overnight oats: you make them the evening before, so it takes one minute in the morning.")]),
    ("How do you practise listening?",
     "I find listening the hardest skill. People speak very fast in films. How do you practise?",
     [(None, "I watch short videos with English subtitles first, then again without subtitles."),
      (None, "Podcasts for learners are good because they speak more slowly."),
      (1, "Which podcast do you recommend? I want to try one on the bus."),
      (2, "I like the BBC one with six-minute episodes. They are short and the topics are interesting.")]),
]

REPLY_TEXTS = [
    "I agree with you. In my city it is the same.",
    "That is an interesting idea. Can you tell us more about it?",
    "I am not sure I understand. Do you mean that it happens every day?",
    "Thank you for sharing this. I learned a new word today: **routine**.",
    "In my opinion, it depends on the person and on the situation.",
    "My teacher told me something similar last year, and it helped me a lot.",
    "I think so too, but sometimes it is difficult to find the time.",
    "Good question! I would like to know the answer as well.",
    "When I was a child, my grandmother always said the same thing.",
    "I tried this last week. It was hard at first, but now it is easier.",
    "Could you give an example? I think it would help everyone.",
    "I disagree a little. For me, practice is more important than rules.",
]


def _members(classroom: Classroom) -> list[int]:
    return list(db.session.scalars(
        select(Membership.user_id).where(Membership.classroom_id == classroom.id, Membership.role == Role.STUDENT)
        .order_by(Membership.user_id)
    ))


def load(classroom: Classroom) -> list[Thread]:
    """Two threads with replies in a tree by several students of ``classroom``."""
    from app.auth.models import User

    forum = db.session.scalar(select(Forum).where(Forum.classroom_id == classroom.id).order_by(Forum.position))
    students = [db.session.get(User, uid) for uid in _members(classroom)]
    made = []
    for t, (title, opening, replies) in enumerate(THREADS):
        thread = posts.start_thread(forum, students[t], title, opening)
        first = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.depth == 0))
        thread.forum = forum
        written: list[Post] = []
        for i, (parent, body) in enumerate(replies):
            author = students[(t + i + 1) % len(students)]
            written.append(posts.reply(written[parent] if parent is not None else first, thread, author, body))
        made.append(thread)
    return made


def add_replies(count: int, *, seed: int = 4) -> int:
    """Add ``count`` replies, spread in a tree, to every thread (bulk insert; deterministic).

    About a third answer the opening post; the rest answer one of the last dozen replies,
    as in a live conversation, so the tree has depth and every page holds ~50 posts.
    Each distinct text is rendered once. Returns the number of posts added.
    """
    if count <= 0:
        return 0
    rng = random.Random(seed)
    rendered = {source: render(source, "post") for source in REPLY_TEXTS}
    words = {source: count_words(source) for source in REPLY_TEXTS}
    added = 0
    for thread in db.session.scalars(select(Thread).order_by(Thread.id)).all():
        authors = _members(db.session.get(Classroom, thread.classroom_id))
        existing = db.session.execute(
            select(Post.id, Post.depth, Post.root_id).where(Post.thread_id == thread.id).order_by(Post.id)
        ).all()
        opening = existing[0]
        known = [(r.id, r.depth, r.root_id) for r in existing[1:]]
        next_id = (db.session.scalar(select(func.max(Post.id))) or 0) + 1
        now = clock.now()
        rows = []
        for i in range(count):
            pid = next_id + i
            if not known or rng.random() < 0.35:
                parent, depth, root = opening.id, 1, pid
            else:
                parent, pdepth, root = known[-1 - int(rng.random() * min(len(known), 12))]  # a recent post
                depth = pdepth + 1
            source = rng.choice(REPLY_TEXTS)
            rows.append({"id": pid, "thread_id": thread.id, "classroom_id": thread.classroom_id, "parent_id": parent,
                         "root_id": root, "depth": depth, "author_id": rng.choice(authors), "source": source,
                         "html": rendered[source], "word_count": words[source], "created_at": now, "deleted": False, "hidden": False,
                         "helpful_count": 0})
            known.append((pid, depth, root))
        db.session.execute(insert(Post), rows)
        db.session.execute(update(Thread).where(Thread.id == thread.id)
                           .values(reply_count=Thread.reply_count + count, last_post_at=now))
        added += count
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT setval(pg_get_serial_sequence('post', 'id'), (SELECT max(id) FROM post))"))
    return added
