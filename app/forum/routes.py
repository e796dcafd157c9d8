"""Forum pages for members: forums, threads, replies, edits, helpful marks, reports.

Teachers' tools and notifications are in ``routes_moderation.py``.
Every object in a URL is loaded through ``services.get_*``, which gives 404
for an id of another class.
"""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from app import submissions, writing
from app.auth.forms import ConfirmForm
from app.classes.models import Classroom
from app.permissions import can_teach, class_access

from . import bp, moderation, posts, rules, services, threads
from .forms import EditForm, ReplyForm, ReportForm, ThreadForm
from .models import Post

C = "/classes/<int:class_id>"


def is_teacher() -> bool:
    return can_teach(current_user, g.get("membership"))


def post_url(post: Post) -> str:
    """The thread page that shows ``post``, scrolled to it."""
    return url_for(".thread", class_id=post.classroom_id, thread_id=post.thread_id, page=threads.page_of(post),
                   _anchor=f"post-{post.id}")


def visible_post(classroom: Classroom, post_id: int) -> Post:
    """The post, or 404 when it is another class's or hidden from this user."""
    post = services.get_post(classroom, post_id)
    if not moderation.can_see(post, current_user, is_teacher()):
        abort(404)
    return post


def readable_post(classroom: Classroom, post_id: int):
    """The post and this user's rules in its thread, or 404 when those rules hide it
    (a prompt not open to them, "post first") or ``visible_post`` does."""
    post = visible_post(classroom, post_id)
    extra = rules.rules_for(post.thread, current_user, is_teacher())
    if extra.hidden or not extra.visible(post):
        abort(404)
    return post, extra


def visible_forum(classroom: Classroom, forum_id: int):
    """The forum and this user's rules in it, or 404 when it is another class's or hidden from this user."""
    forum = services.get_forum(classroom, forum_id)
    extra = rules.rules_for_forum(forum, current_user, is_teacher())
    if extra.hidden:
        abort(404)
    return forum, extra


def visible_thread(classroom: Classroom, thread_id: int):
    """The thread, or 404 when it is another class's or hidden from this user."""
    thread = services.get_thread(classroom, thread_id)
    if rules.rules_for(thread, current_user, is_teacher()).hidden:
        abort(404)
    return thread


# -- forums ----------------------------------------------------------------------

@bp.get(C + "/forums")
@class_access("member")
def forums(classroom: Classroom):
    """The class's forums with new-post counts; teachers also manage them here."""
    archived = services.forums(classroom, archived=True) if is_teacher() else []
    summaries = rules.visible_summaries(classroom.id, threads.class_forums(classroom, current_user), current_user,
                                        is_teacher())
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
    form = ThreadForm()
    status = 200
    if forum.archived and request.method == "POST":
        writing.refuse(form, "This forum is archived, so nobody can start a thread in it.")
        status = 409
    elif form.validate_on_submit():
        def write():
            thread = posts.start_thread(forum, current_user, form.title.data, form.body.data)
            return url_for(".thread", class_id=classroom.id, thread_id=thread.id)

        return submissions.save_once(form, write, "Your thread has started.")
    return render_template("forum/new_thread.html", classroom=classroom, forum=forum, form=form), status


# -- threads ---------------------------------------------------------------------

@bp.get(C + "/threads/<int:thread_id>")
@class_access("member")
def thread(classroom: Classroom, thread_id: int):
    """The conversation as a tree, one page of top-level replies at a time."""
    thread = services.get_thread(classroom, thread_id)
    extra = rules.rules_for(thread, current_user, is_teacher())
    if extra.hidden:
        abort(404)
    view = threads.thread_page(thread, current_user, request.args.get("page", 1, type=int), teacher=is_teacher(),
                               rules=extra)
    return render_template("forum/thread.html", classroom=classroom, thread=thread, view=view,
                           closed=posts.closed_reason(thread, thread.forum) or extra.closed, teacher=is_teacher(),
                           aside=extra.aside() if extra.aside else None,
                           can_change_own=extra.frozen is None, base=url_for("classes.home", class_id=classroom.id))


@bp.get(C + "/threads/<int:thread_id>/new-posts")
@class_access("member")
def first_new(classroom: Classroom, thread_id: int):
    """Open the thread at the first post I have not read."""
    thread = visible_thread(classroom, thread_id)
    post = threads.first_new_post(thread, current_user)
    if post is None:
        return redirect(url_for(".thread", class_id=classroom.id, thread_id=thread.id))
    return redirect(post_url(post))


@bp.post(C + "/threads/<int:thread_id>/follow")
@class_access("member")
def follow(classroom: Classroom, thread_id: int):
    """Follow a thread (``active=1``) or stop following it (``active=0``)."""
    thread = visible_thread(classroom, thread_id)
    if ConfirmForm().confirmed():
        active = request.form.get("active") == "1"
        posts.set_following(current_user.id, thread.id, active)
        flash("You follow this thread: new posts appear in your notifications." if active
              else "You no longer follow this thread.", "success")
    return redirect(url_for(".thread", class_id=classroom.id, thread_id=thread.id))


# -- posts -------------------------------------------------------------------------

@bp.get(C + "/posts/<int:post_id>")
@class_access("member")
def permalink(classroom: Classroom, post_id: int):
    """Go to the page that shows the post, scrolled to it."""
    post, _ = readable_post(classroom, post_id)
    return redirect(post_url(post))


@bp.route(C + "/posts/<int:post_id>/reply", methods=["GET", "POST"])
@class_access("member")
def reply(classroom: Classroom, post_id: int):
    """Reply to a post: in place (htmx fragment) or on its own page; ``?quote=1`` quotes it."""
    parent, extra = readable_post(classroom, post_id)
    thread = parent.thread
    parent_name = extra.name(parent.author_id, parent.author.display_name)
    form = ReplyForm()
    if request.method == "GET" and request.args.get("quote"):
        form.body.data = posts.quote(parent, url_for(".permalink", class_id=classroom.id, post_id=parent.id),
                                     parent_name)
    closed = posts.closed_reason(thread, thread.forum) or extra.closed
    if not closed and parent.deleted:
        closed = "This post was deleted, so you cannot reply to it."
    status = 200
    if request.method == "POST" and closed:
        writing.refuse(form, closed)
        status = 409
    elif form.validate_on_submit():
        return submissions.save_once(form, lambda: post_url(posts.reply(parent, thread, current_user, form.body.data)),
                                     "Your reply is posted.")
    template = "forum/_reply_form.html" if request.headers.get("HX-Request") else "forum/reply.html"
    return render_template(template, classroom=classroom, thread=thread, parent=parent, form=form,
                           closed=closed, parent_name=parent_name, starters=extra.starters), status


@bp.route(C + "/posts/<int:post_id>/edit", methods=["GET", "POST"])
@class_access("member")
def edit(classroom: Classroom, post_id: int):
    """The author changes a post; the earlier text is kept in its history."""
    post = services.get_post(classroom, post_id)
    if post.author_id != current_user.id or post.deleted:
        if request.method == "GET" or ConfirmForm().confirmed():
            flash("Only the person who wrote a post can change it.", "error")
        return redirect(post_url(post))
    extra = rules.rules_for(post.thread, current_user, is_teacher())
    if extra.hidden:
        abort(404)
    form = EditForm(body=post.source)
    if request.method == "POST" and extra.frozen:
        writing.refuse(form, extra.frozen)
        return render_template("forum/edit.html", classroom=classroom, post=post, form=form), 409
    if form.validate_on_submit():
        def write():
            posts.edit(post, form.body.data)
            return post_url(post)

        return submissions.save_once(form, write, "Your changes are saved.")
    return render_template("forum/edit.html", classroom=classroom, post=post, form=form)


@bp.post(C + "/posts/<int:post_id>/delete")
@class_access("member")
def delete(classroom: Classroom, post_id: int):
    """The author deletes a post; its place in the conversation stays."""
    post = services.get_post(classroom, post_id)
    if not ConfirmForm().confirmed():
        pass
    elif post.author_id != current_user.id:
        flash("Only the person who wrote a post can delete it.", "error")
    elif (extra := rules.rules_for(post.thread, current_user, is_teacher())).hidden:
        abort(404)
    elif extra.frozen:
        flash("You cannot delete this post now. " + extra.frozen, "error")
    else:
        posts.delete_post(post)
        flash("Your post is deleted.", "success")
    return redirect(post_url(post))


@bp.post(C + "/posts/<int:post_id>/helpful")
@class_access("member")
def helpful(classroom: Classroom, post_id: int):
    """Mark a post helpful (``undo=1`` takes the mark back)."""
    post = visible_post(classroom, post_id)
    if not ConfirmForm().confirmed():
        pass
    elif post.author_id == current_user.id:
        flash("You cannot mark your own post as helpful.", "info")
    else:
        if request.form.get("undo"):
            posts.unmark_helpful(post, current_user)
        else:
            posts.mark_helpful(post, current_user)
    return redirect(post_url(post))


@bp.route(C + "/posts/<int:post_id>/report", methods=["GET", "POST"])
@class_access("member")
def report(classroom: Classroom, post_id: int):
    """Ask the class's teachers to look at a post."""
    post = visible_post(classroom, post_id)
    form = ReportForm()
    if form.validate_on_submit():
        moderation.report(post, current_user, form.reason.data)
        flash("Thank you. The teachers will look at this post.", "success")
        return redirect(post_url(post))
    return render_template("forum/report.html", classroom=classroom, post=post, form=form)


from . import routes_moderation  # noqa: E402,F401  (attaches the teachers' views)
