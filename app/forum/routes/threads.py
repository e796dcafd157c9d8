"""Forums and threads for members: the lists, a thread page, starting and following threads."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import slots, submissions, writing
from app.classes.models import Classroom
from app.forms import ConfirmForm
from app.permissions import class_access, is_teacher

from .. import bp, drafts, posts, sections, services, threads
from ..forms import ThreadForm
from ..urls import C, post_url, thread_url
from .loaders import visible_forum, visible_thread


@bp.get(C + "/forums")
@class_access("member")
def forums(classroom: Classroom):
    """The class's forums with new-post counts; teachers also manage them here."""
    archived = services.forums(classroom, archived=True) if is_teacher() else []
    summaries = sections.class_home(classroom, current_user, is_teacher())
    return render_template("forum/forums.html", classroom=classroom, summaries=summaries,
                           archived=archived, confirm=ConfirmForm())


@bp.get(C + "/forums/<int:forum_id>")
@class_access("member")
def forum(classroom: Classroom, forum_id: int):
    """A forum's threads: pinned first, then latest activity; paginated."""
    forum, extra = visible_forum(classroom, forum_id)
    page = request.args.get("page", 1, type=int)
    rows, pages = threads.thread_list(forum, current_user, page)
    return render_template("forum/forum.html", classroom=classroom, forum=forum, rows=rows,
                           page=min(max(page, 1), pages), pages=pages, can_start=extra.start_threads)


@bp.route(C + "/forums/<int:forum_id>/new", methods=["GET", "POST"])
@class_access("member")
def new_thread(classroom: Classroom, forum_id: int):
    """Start a thread: a title and the first post (403 where only teachers may)."""
    forum, extra = visible_forum(classroom, forum_id)
    if not extra.start_threads:
        abort(403)
    form = ThreadForm(draft=drafts.new_thread_place(forum.id))
    status = 200
    if forum.archived and request.method == "POST":
        writing.refuse(form, "This forum is archived, so nobody can start a thread in it.")
        status = 409
    elif form.validate_on_submit():
        def write():
            thread = posts.start_thread(forum, current_user, form.title.data, form.body.data)
            return thread_url(thread)

        return submissions.save_once(form, write, "Your thread has started.")
    return render_template("forum/new_thread.html", classroom=classroom, forum=forum, form=form), status


@bp.get(C + "/threads/<int:thread_id>")
@class_access("member")
def thread(classroom: Classroom, thread_id: int):
    """The conversation as a tree, one page of top-level replies at a time."""
    thread, extra = visible_thread(classroom, thread_id)
    view = threads.thread_page(thread, current_user, request.args.get("page", 1, type=int), teacher=is_teacher(),
                               rules=extra)
    return render_template("forum/thread.html", classroom=classroom, thread=thread, view=view,
                           closed=posts.thread_closed_reason(thread, thread.forum) or extra.closed, teacher=is_teacher(),
                           sections=slots.build(slots.THREAD, thread=thread, user=current_user, teacher=is_teacher(),
                                                rules=extra, opening=view.opening.post if view.opening else None),
                           post_parts=slots.per_post(slots.POSTS, thread=thread, user=current_user, teacher=is_teacher(),
                                                     posts=[n.post for n in ([view.opening] if view.opening else [])
                                                            + view.nodes]),
                           rules=extra, base=url_for("classes.home", class_id=classroom.id))


@bp.get(C + "/threads/<int:thread_id>/new-posts")
@class_access("member")
def first_new(classroom: Classroom, thread_id: int):
    """Open the thread at the first post I have not read."""
    thread, _ = visible_thread(classroom, thread_id)
    post = threads.first_new_post(thread, current_user)
    if post is None:
        return redirect(thread_url(thread))
    return redirect(post_url(post))


@bp.post(C + "/threads/<int:thread_id>/follow")
@class_access("member")
def follow(classroom: Classroom, thread_id: int):
    """Follow a thread (``active=1``) or stop following it (``active=0``)."""
    thread, _ = visible_thread(classroom, thread_id)
    if ConfirmForm().confirmed():
        active = request.form.get("active") == "1"
        posts.set_following(current_user.id, thread.id, active)
        flash("You follow this thread: new posts appear in your notifications." if active
              else "You no longer follow this thread.", "success")
    return redirect(thread_url(thread))
