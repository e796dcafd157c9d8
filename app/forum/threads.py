"""Reading: thread lists, the thread page as a tree, pages, permalinks, unread.

The thread page costs a fixed number of queries whatever the thread's size:
the posts of one page (whole top-level groups) come in one query with their
authors, and the tree is built in Python.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import and_, bindparam, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from app.auth.models import User
from app.classes.models import Classroom, Membership
from app.extensions import db
from app.media.models import MediaFile

from .models import Forum, HelpfulMark, Post, ReadState, Thread, ThreadFollow
from .services import upsert

#: Replies deeper than this are drawn at this level, with "replying to Name".
MAX_INDENT = 4


def per_page() -> int:
    """Top-level replies per thread page."""
    return current_app.config.get("POSTS_PER_PAGE", 20)


# -- lists ------------------------------------------------------------------------

@dataclass
class ThreadRow:
    """A line of a forum's thread list."""

    thread: Thread
    starter: str
    new_posts: int


#: New posts are counted up to this many per thread ("99+ new"): the count reads at most this
#: many index entries, however many posts a thread nobody read for a term holds.
NEW_POSTS_CAP = 100


def _new_posts_expr(user_id: int):
    """SQL, for a query over ``Thread``: posts of each thread newer than the user's read mark
    (all when never read), by others; ``NEW_POSTS_CAP`` when there are that many or more (the
    100th is looked up first, in ``ix_post_thread_new``, and only fewer are counted).

    Correlated explicitly: the read mark sits two levels down, and SQLAlchemy only correlates
    a subquery with the query right around it, so ``thread`` would otherwise become a FROM of
    its own (any reader's mark on SQLite; "more than one row" on PostgreSQL)."""
    mark = (
        select(ReadState.last_read_post_id)
        .where(ReadState.user_id == user_id, ReadState.thread_id == Thread.id)
        .correlate(Thread)
        .scalar_subquery()
    )
    unread = (Post.thread_id == Thread.id, Post.id > func.coalesce(mark, 0), Post.author_id != user_id)
    cap = (select(Post.id).where(*unread).order_by(Post.thread_id, Post.id).limit(1).offset(NEW_POSTS_CAP - 1)
           .correlate(Thread).scalar_subquery())
    count = select(func.count(Post.id)).where(*unread).correlate(Thread).scalar_subquery()
    return case((cap.is_not(None), NEW_POSTS_CAP), else_=count)


def thread_list(forum: Forum, user, page: int = 1) -> tuple[list[ThreadRow], int]:
    """One page of the forum's threads, pinned first then latest activity; and the page count."""
    size = current_app.config.get("THREADS_PER_PAGE", 25)
    total = db.session.scalar(select(func.count(Thread.id)).where(Thread.forum_id == forum.id)) or 0
    pages = max(1, math.ceil(total / size))
    page = min(max(page, 1), pages)
    rows = db.session.execute(
        select(Thread, User.display_name, _new_posts_expr(user.id))
        .join(User, User.id == Thread.author_id)
        .where(Thread.forum_id == forum.id)
        .order_by(Thread.pinned.desc(), Thread.last_post_at.desc(), Thread.id.desc())
        .limit(size)
        .offset((page - 1) * size)
    )
    return [ThreadRow(t, name, n) for t, name, n in rows], pages


@dataclass
class ForumSummary:
    """A forum on the class page, with its thread count and new posts for me."""

    forum: Forum
    threads: int
    new_posts: int


def class_forums(classroom: Classroom, user) -> list[ForumSummary]:
    """The class's open forums with thread and new-post counts (one query)."""
    threads = (
        select(func.count(Thread.id)).where(Thread.forum_id == Forum.id).correlate(Forum).scalar_subquery()
    )
    # Thread by thread, as the forum page counts: each count is a range of ix_post_thread_new
    # after the read mark (a join read every post of the forum).
    new = (
        select(func.coalesce(func.sum(_new_posts_expr(user.id)), 0))
        .where(Thread.forum_id == Forum.id)
        .correlate(Forum)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Forum, threads, new)
        .where(Forum.classroom_id == classroom.id, Forum.archived.is_(False))
        .order_by(Forum.position, Forum.id)
    )
    return [ForumSummary(f, t, n) for f, t, n in rows]


# -- the thread page ----------------------------------------------------------------

#: What the thread page shows of each post (rows carry ``author_name`` and ``author_role`` too).
POST_COLUMNS = (Post.id, Post.thread_id, Post.parent_id, Post.root_id, Post.depth, Post.author_id, Post.html,
                Post.created_at, Post.edited_at, Post.deleted, Post.hidden, Post.helpful_count)


#: A post's recording, in the same row (at most one per post: ``RECORDINGS_PER_POST``).
_RECORDING = (MediaFile.key.label("media_key"), MediaFile.status.label("media_status"),
              MediaFile.duration.label("media_duration"), MediaFile.transcript.label("media_transcript"),
              MediaFile.classroom_id.label("media_class_id"))


def _with_recording(statement):
    return statement.outerjoin(MediaFile, and_(MediaFile.post_id == Post.id, MediaFile.kind == "recording"))


class PostRow:
    """A post as the thread page shows it: plain attributes (cheap for templates)."""

    __slots__ = tuple(c.key for c in POST_COLUMNS) + ("author_name", "author_role", "marked") + tuple(
        c.key for c in _RECORDING)

    def __init__(self, row) -> None:
        for name, value in zip(self.__slots__, row, strict=False):
            setattr(self, name, value)


@dataclass(slots=True)
class Node:
    """A post placed in the tree."""

    post: PostRow
    level: int
    #: Who it answers, when drawn shallower than its real depth.
    replying_to: str | None = None
    new: bool = False
    marked_helpful: bool = False
    helpful_by: list[str] = field(default_factory=list)


@dataclass
class ThreadPage:
    thread: Thread
    opening: Node | None
    nodes: list[Node]
    page: int
    pages: int
    first_new_id: int | None
    following: bool


#: The author's name and role in the class ("teacher", "student"; None for a former member).
_AUTHOR = (User.display_name.label("author_name"), Membership.role.label("author_role"))


def _with_author(statement):
    return (statement.join(User, User.id == Post.author_id)
            .outerjoin(Membership, and_(Membership.user_id == Post.author_id, Membership.classroom_id == Post.classroom_id)))


@cache
def _statements() -> SimpleNamespace:
    """The thread page's queries, built once with bound parameters.

    Building a statement costs more Python time than SQLite takes to run it,
    and this is the busiest page: only the values change between views
    (``thread_id``, ``user_id``, ``last_read``, ``size``, ``offset``).
    """
    thread_id, user_id = bindparam("thread_id"), bindparam("user_id")
    roots = (
        select(Post.id)
        .where(Post.thread_id == thread_id, Post.depth == 1)
        .order_by(Post.id)
        .limit(bindparam("size"))
        .offset(bindparam("offset"))
        .scalar_subquery()
    )
    on_page = or_(Post.depth == 0, Post.root_id.in_(roots))
    mine = aliased(HelpfulMark)
    return SimpleNamespace(
        me=select(ReadState.last_read_post_id, ThreadFollow.active)
        .select_from(Thread)
        .outerjoin(ReadState, and_(ReadState.thread_id == Thread.id, ReadState.user_id == user_id))
        .outerjoin(ThreadFollow, and_(ThreadFollow.thread_id == Thread.id, ThreadFollow.user_id == user_id))
        .where(Thread.id == thread_id),
        # Top-level replies, and the oldest unread post not on this page.
        counts=select(
            func.count(case((Post.depth == 1, Post.id))),
            func.min(case((and_(Post.id > bindparam("last_read"), Post.author_id != user_id, ~on_page), Post.id))),
        ).where(Post.thread_id == thread_id),
        # Plain rows, not ORM objects: a page may hold hundreds of posts.
        posts=_with_recording(_with_author(select(*POST_COLUMNS, *_AUTHOR, mine.user_id.label("marked"), *_RECORDING)))
        .outerjoin(mine, and_(mine.post_id == Post.id, mine.user_id == user_id))
        .where(Post.thread_id == thread_id, on_page)
        .order_by(Post.id),
        helpful=select(HelpfulMark.post_id, User.display_name)
        .join(User, User.id == HelpfulMark.user_id)
        .join(Post, Post.id == HelpfulMark.post_id)
        .where(Post.thread_id == thread_id, on_page)
        .order_by(HelpfulMark.created_at),
    )


def thread_page(thread: Thread, user, page: int = 1, *, teacher: bool = False, rules=None) -> ThreadPage:
    """Everything the thread page shows, and the read mark moved forward (one upsert at most).

    ``rules`` (``rules.ThreadRules``) may hide posts from this user and rename authors."""
    sql = _statements()
    values = {"thread_id": thread.id, "user_id": user.id}
    me = db.session.execute(sql.me, values).one()
    last_read, following = me[0] or 0, bool(me[1])
    page = max(page, 1)
    roots, pages, unseen_elsewhere = _count_pages(values, page, last_read)
    if page > pages:  # past the end: show the last page
        page = pages
        roots, pages, unseen_elsewhere = _count_pages(values, page, last_read)
    values.update(size=per_page(), offset=(page - 1) * per_page())
    posts = _apply(rules, [PostRow(row) for row in db.session.execute(sql.posts, values)])
    marked = {p.id for p in posts if p.marked is not None}
    helpful_by: dict[int, list[str]] = {}
    if teacher and posts:
        for post_id, name in db.session.execute(sql.helpful, values):
            helpful_by.setdefault(post_id, []).append(name)
    opening, nodes = build_tree(posts, last_read, user.id)
    for node in ([opening] if opening else []) + nodes:
        node.marked_helpful = node.post.id in marked
        node.helpful_by = helpful_by.get(node.post.id, [])
    new_ids = [n.post.id for n in ([opening] if opening else []) + nodes if n.new]
    _move_read_mark(thread, user, last_read, posts, unseen_elsewhere)
    return ThreadPage(thread, opening, nodes, page, pages, min(new_ids) if new_ids else None, following)


def _apply(rules, posts: list[PostRow]) -> list[PostRow]:
    """The posts ``rules`` (a ``rules.ThreadRules``, or None) let the viewer see, under the names it shows."""
    if rules is None:
        return posts
    posts = [p for p in posts if rules.visible(p)]
    for p in posts:
        p.author_name = rules.name(p.author_id, p.author_name)
    return posts


def whole_thread(thread: Thread, rules=None) -> tuple[Node | None, list[Node]]:
    """Every post of the thread as a tree, nothing marked new or read (one query): for a
    teacher grading one student's part in it. ``rules`` as for ``thread_page``."""
    rows = db.session.execute(
        _with_recording(_with_author(select(*POST_COLUMNS, *_AUTHOR, literal(None).label("marked"), *_RECORDING)))
        .where(Post.thread_id == thread.id).order_by(Post.id))
    posts = _apply(rules, [PostRow(row) for row in rows])
    return build_tree(posts, last_read=posts[-1].id if posts else 0, user_id=0)


def build_tree(posts: list, last_read: int, user_id: int) -> tuple[Node | None, list[Node]]:
    """Order posts depth-first (siblings oldest first) with their drawn level."""
    children: dict[int | None, list[Post]] = {}
    by_id = {p.id: p for p in posts}
    opening = None
    for post in sorted(posts, key=lambda p: p.id):
        if post.depth == 0:
            opening = post
            continue
        parent = post.parent_id if post.depth > 1 else None
        children.setdefault(parent, []).append(post)
    nodes: list[Node] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        post = stack.pop()
        level = min(post.depth, MAX_INDENT)
        replying_to = None
        if post.depth > MAX_INDENT and post.parent_id in by_id:
            replying_to = by_id[post.parent_id].author_name
        nodes.append(Node(post, level, replying_to, _is_new(post, last_read, user_id)))
        stack.extend(reversed(children.get(post.id, [])))
    opening_node = Node(opening, 0, None, _is_new(opening, last_read, user_id)) if opening else None
    return opening_node, nodes


def _is_new(post, last_read: int, user_id: int) -> bool:
    return post.id > last_read and post.author_id != user_id


def _count_pages(values: dict, page: int, last_read: int) -> tuple[int, int, int | None]:
    """One query: top-level replies, pages, and the oldest unread post not on ``page``."""
    size = per_page()
    roots, unseen = db.session.execute(
        _statements().counts, {**values, "last_read": last_read, "size": size, "offset": (page - 1) * size}
    ).one()
    return roots or 0, max(1, math.ceil((roots or 0) / size)), unseen


def _move_read_mark(thread: Thread, user, last_read: int, posts: list, unseen_elsewhere: int | None) -> None:
    """Move the read mark to the newest post seen, but never past an unseen one elsewhere.

    Writes (one upsert) only when the mark changes.
    """
    seen = max((p.id for p in posts), default=0)
    if seen <= last_read:
        return
    mark = seen if unseen_elsewhere is None else min(seen, unseen_elsewhere - 1)
    if mark <= last_read:
        return
    upsert(
        ReadState,
        {"user_id": user.id, "thread_id": thread.id, "last_read_post_id": mark},
        ["user_id", "thread_id"],
        {"last_read_post_id": mark},
        where=ReadState.last_read_post_id < mark,
    )


def page_of(post: Post) -> int:
    """The thread page that shows ``post`` (the page of its top-level ancestor)."""
    if post.depth == 0 or post.root_id is None:
        return 1
    before = db.session.scalar(
        select(func.count(Post.id)).where(Post.thread_id == post.thread_id, Post.depth == 1, Post.id <= post.root_id)
    )
    return max(1, math.ceil((before or 1) / per_page()))


def first_new_post(thread: Thread, user) -> Post | None:
    """The oldest post of the thread that the user has not read (None when all read)."""
    mark = select(ReadState.last_read_post_id).where(
        ReadState.user_id == user.id, ReadState.thread_id == thread.id
    ).scalar_subquery()
    return db.session.scalar(
        select(Post)
        .where(Post.thread_id == thread.id, Post.id > func.coalesce(mark, literal(0)), Post.author_id != user.id)
        .order_by(Post.id)
        .limit(1)
    )
