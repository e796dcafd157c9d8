"""Demo forum content and ``demo --replies N``."""
from __future__ import annotations

from sqlalchemy import func, select

from app.auth.models import User
from app.classes.models import Classroom
from app.extensions import db
from app.forum.models import Forum, Post, Thread


def test_demo_has_two_threads_with_a_reply_tree_by_several_students(app):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    esl = db.session.scalar(select(Classroom).where(Classroom.name == "ESL Discussion 101"))
    general = select(Forum.id).where(Forum.classroom_id == esl.id, Forum.title == "General discussion")
    threads = db.session.scalars(select(Thread).where(Thread.forum_id.in_(general))).all()  # not the prompts' topics
    assert len(threads) == 2
    for thread in threads:
        replies = db.session.scalars(select(Post).where(Post.thread_id == thread.id, Post.depth > 0)).all()
        assert thread.reply_count == len(replies) >= 4
        assert max(p.depth for p in replies) >= 2
        assert len({p.author_id for p in replies}) >= 3


def test_demo_replies_adds_a_consistent_tree_to_each_thread(app):
    result = app.test_cli_runner().invoke(args=["demo", "--replies", "60"])
    assert result.exit_code == 0, result.output
    for thread in db.session.scalars(select(Thread)):
        rows = db.session.execute(
            select(Post.id, Post.parent_id, Post.root_id, Post.depth, Post.html).where(Post.thread_id == thread.id)
        ).all()
        assert thread.reply_count == len(rows) - 1 >= 60
        by_id = {r.id: r for r in rows}
        for r in rows:
            if r.depth == 1:
                assert r.root_id == r.id
            elif r.depth > 1:
                parent = by_id[r.parent_id]
                assert parent.depth == r.depth - 1 and parent.root_id == r.root_id
            assert r.html.startswith("<p>")
        assert sum(r.depth == 1 for r in rows) >= 15 and max(r.depth for r in rows) >= 3
    # New posts after the bulk insert get fresh ids (PostgreSQL's sequence moved on).
    from app.forum import posts
    from app.forum.services import get_thread

    thread = db.session.scalar(select(Thread))
    first = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.depth == 0))
    author = db.session.get(User, first.author_id)
    new = posts.reply(first, get_thread(db.session.get(Classroom, thread.classroom_id), thread.id), author, "One more")
    db.session.commit()
    assert new.id == db.session.scalar(select(func.max(Post.id)))
