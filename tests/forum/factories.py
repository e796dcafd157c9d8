"""Forum test data built through the services, as the app would."""
from __future__ import annotations

from sqlalchemy import func, insert, select

from app.extensions import db
from app.forum import moderation, posts, services
from app.forum.models import Forum, Notification, Post, ReadState


def default_forum(classroom) -> Forum:
    return db.session.scalar(select(Forum).where(Forum.classroom_id == classroom.id).order_by(Forum.id))


def start(classroom, author, title="Breakfast", text="What do you eat for breakfast?"):
    """A thread in the class's first forum; returns (thread, opening post)."""
    thread = posts.start_thread(default_forum(classroom), author, title, text)
    db.session.commit()
    return thread, opening(thread)


def opening(thread) -> Post:
    return db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.depth == 0))


def reply(parent, author, text="I agree with you."):
    """A reply by ``author``, committed."""
    thread = services.get_thread(_Class(parent.classroom_id), parent.thread_id)
    post = posts.reply(parent, thread, author, text)
    db.session.commit()
    return post


class _Class:
    def __init__(self, id):
        self.id = id


def forum_world(world) -> dict:
    """Sample values for every forum URL argument, all inside ``world.classroom``."""
    forum = default_forum(world.classroom)
    thread, first = start(world.classroom, world.teacher, "Sample thread", "Tell us about your weekend.")
    student_post = reply(first, world.student, "I went to the park with my sister.")
    answer = reply(student_post, world.teacher, "That sounds lovely.")
    report = moderation.report(answer, world.student, "Just checking")
    # The teacher has read everything (a page view after a redirect then writes nothing).
    db.session.add(ReadState(user_id=world.teacher.id, thread_id=thread.id, last_read_post_id=answer.id))
    db.session.commit()
    notification = db.session.scalar(select(Notification.id).where(Notification.user_id == world.student.id))
    assert notification is not None
    return {
        "forum_id": forum.id,
        "thread_id": thread.id,
        "post_id": student_post.id,
        "report_id": report.id,
        "notification_id": notification,
        "direction": "up",
        "action": "dismiss",
    }


def bulk_posts(thread, authors, count: int, *, top_share: int = 3) -> None:
    """Insert ``count`` replies in one statement: every ``top_share``-th is top-level, others nest."""
    first = opening(thread)
    start_id = (db.session.scalar(select(func.max(Post.id))) or 0) + 1
    rows, known = [], []
    for i in range(count):
        pid = start_id + i
        if i % top_share == 0 or not known:
            parent, depth, root = first.id, 1, pid
        else:
            parent_row = known[(i * 7) % len(known)]
            parent, depth, root = parent_row["id"], parent_row["depth"] + 1, parent_row["root_id"]
        row = {"id": pid, "thread_id": thread.id, "classroom_id": thread.classroom_id, "parent_id": parent,
               "root_id": root, "depth": depth, "author_id": authors[i % len(authors)].id,
               "source": f"Reply {i}", "html": f"<p>Reply {i}</p>", "word_count": 2}
        rows.append(row)
        known.append(row)
    db.session.execute(insert(Post), rows)
    db.session.execute(
        Thread_update(thread, count)
    )
    # A bulk insert passes by the ORM's flush, where the search index is kept: index them as a write would.
    from app.search.index import reindex

    reindex(db.session.connection(), posts=[row["id"] for row in rows])
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(db.text("SELECT setval(pg_get_serial_sequence('post', 'id'), (SELECT max(id) FROM post))"))
    db.session.commit()


def Thread_update(thread, count):
    from sqlalchemy import update

    from app.forum.models import Thread

    return update(Thread).where(Thread.id == thread.id).values(reply_count=Thread.reply_count + count)
