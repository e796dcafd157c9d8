"""Forums of a class, loaders that 404 across classes, and shared SQL helpers.

Services add and flush; the request commits (app.unit_of_work). Thread and post logic lives in
``threads.py`` and ``posts.py``; teachers' tools in ``moderation.py``.
"""
from __future__ import annotations

from flask import abort
from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from app import rendering
from app.classes.models import Classroom
from app.extensions import db
from app.hooks import class_created

from .models import Forum, Post, PostRevision, Thread

DEFAULT_FORUM = "General discussion"


# -- shared SQL -----------------------------------------------------------------

def upsert(model, values: dict, keys: list[str], update_values: dict | None = None, where=None):
    """INSERT … ON CONFLICT (keys) DO UPDATE/NOTHING, on SQLite and PostgreSQL.

    Returns the result, which returns the key of a row written (psycopg reports
    no ``rowcount`` here): ``.first() is not None`` means a row was written.
    """
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(model).values(**values)
    if update_values:
        stmt = stmt.on_conflict_do_update(index_elements=keys, set_=update_values, where=where)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    return db.session.execute(stmt.returning(*(getattr(model, k) for k in keys)))


# -- default forum for new classes -------------------------------------------------

def add_default_forum(classroom: Classroom, **_) -> None:
    """Signal receiver: every new class gets "General discussion"."""
    db.session.execute(insert(Forum).values(classroom_id=classroom.id, title=DEFAULT_FORUM, description="Talk about anything to do with the class.", position=0, archived=False))


class_created.connect(add_default_forum)
rendering.register("forum posts", Post, "source", "html", "post")
rendering.register("forum post versions", PostRevision, "source", "html", "post")


# -- loaders (404 when the id belongs to another class) ---------------------------

def get_forum(classroom: Classroom, forum_id: int) -> Forum:
    """The forum of this class, or 404."""
    forum = db.session.scalar(select(Forum).where(Forum.id == forum_id, Forum.classroom_id == classroom.id))
    if forum is None:
        abort(404)
    return forum


def get_thread(classroom: Classroom, thread_id: int) -> Thread:
    """The thread of this class (forum loaded), or 404."""
    from sqlalchemy.orm import joinedload

    thread = db.session.scalar(
        select(Thread).options(joinedload(Thread.forum)).where(Thread.id == thread_id, Thread.classroom_id == classroom.id)
    )
    if thread is None:
        abort(404)
    return thread


def get_post(classroom: Classroom, post_id: int) -> Post:
    """The post of this class with its thread, forum and author, or 404."""
    from sqlalchemy.orm import joinedload

    post = db.session.scalar(
        select(Post)
        .options(joinedload(Post.thread).joinedload(Thread.forum), joinedload(Post.author))
        .where(Post.id == post_id, Post.classroom_id == classroom.id)
    )
    if post is None:
        abort(404)
    return post


# -- forums -----------------------------------------------------------------------

def forums(classroom: Classroom, *, archived: bool | None = False) -> list[Forum]:
    """The class's forums in their order (``archived=None`` for all)."""
    stmt = select(Forum).where(Forum.classroom_id == classroom.id).order_by(Forum.position, Forum.id)
    if archived is not None:
        stmt = stmt.where(Forum.archived == archived)
    return list(db.session.scalars(stmt))


def create_forum(classroom: Classroom, title: str, description: str = "") -> Forum:
    """Add a forum at the end of the list."""
    last = db.session.scalar(select(func.max(Forum.position)).where(Forum.classroom_id == classroom.id))
    forum = Forum(classroom_id=classroom.id, title=title.strip(), description=description.strip(),
                  position=(last or 0) + 1)
    db.session.add(forum)
    db.session.flush()
    return forum


def move_forum(forum: Forum, direction: str) -> None:
    """Swap the forum with its neighbour ("up" or "down"); renumbers the list."""
    items = [f for f in forums_of(forum.classroom_id)]
    index = next(i for i, f in enumerate(items) if f.id == forum.id)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items):
        item.position = position


def forums_of(classroom_id: int) -> list[Forum]:
    return list(db.session.scalars(select(Forum).where(Forum.classroom_id == classroom_id).order_by(Forum.position, Forum.id)))


def set_archived(forum: Forum, archived: bool) -> None:
    """Archive (read-only, listed apart) or bring back a forum."""
    forum.archived = archived


def move_thread(thread: Thread, forum: Forum) -> None:
    """Put the thread in another forum of the same class."""
    if forum.classroom_id != thread.classroom_id:
        raise ValueError("forum of another class")
    db.session.execute(update(Thread).where(Thread.id == thread.id).values(forum_id=forum.id))
