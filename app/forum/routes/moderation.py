"""Teachers' forum tools: forums, lock, pin, move, delete, hide, earlier versions, reports."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.classes.models import Classroom
from app.forms import ConfirmForm
from app.permissions import class_access

from .. import bp, moderation, posts, services
from ..forms import ForumForm, MoveForm
from ..urls import C, forums_url, post_url, thread_url


@bp.route(C + "/forums/new", methods=["GET", "POST"])
@class_access("teacher")
def new_forum(classroom: Classroom):
    """Add a forum to the class."""
    form = ForumForm()
    if form.validate_on_submit():
        forum = services.create_forum(classroom, form.title.data, form.description.data or "")
        flash(f"The forum “{forum.title}” is ready.", "success")
        return redirect(forums_url(classroom.id))
    return render_template("forum/forum_form.html", classroom=classroom, form=form, forum=None)


@bp.route(C + "/forums/<int:forum_id>/edit", methods=["GET", "POST"])
@class_access("teacher")
def edit_forum(classroom: Classroom, forum_id: int):
    """Rename a forum or change its description."""
    forum = services.get_forum(classroom, forum_id)
    form = ForumForm(obj=forum)
    if form.validate_on_submit():
        forum.title, forum.description = form.title.data, form.description.data or ""
        flash("Saved.", "success")
        return redirect(forums_url(classroom.id))
    return render_template("forum/forum_form.html", classroom=classroom, form=form, forum=forum)


@bp.post(C + "/forums/<int:forum_id>/move/<any(up, down):direction>")
@class_access("teacher")
def move_forum(classroom: Classroom, forum_id: int, direction: str):
    """Move a forum up or down the list."""
    forum = services.get_forum(classroom, forum_id)
    if ConfirmForm().confirmed():
        services.move_forum(forum, direction)
    return redirect(forums_url(classroom.id))


@bp.post(C + "/forums/<int:forum_id>/archive")
@class_access("teacher")
def archive_forum(classroom: Classroom, forum_id: int):
    """Archive a forum (read-only, listed apart), or bring it back."""
    forum = services.get_forum(classroom, forum_id)
    if ConfirmForm().confirmed():
        services.set_archived(forum, not forum.archived)
        flash(f"“{forum.title}” is archived: people can read it but not write in it." if forum.archived
              else f"“{forum.title}” is open again.", "success")
    return redirect(forums_url(classroom.id))


@bp.post(C + "/threads/<int:thread_id>/lock")
@class_access("teacher")
def lock(classroom: Classroom, thread_id: int):
    """Lock a thread (no new replies) or unlock it."""
    thread = services.get_thread(classroom, thread_id)
    if ConfirmForm().confirmed():
        moderation.set_locked(thread, not thread.locked)
        flash("The thread is locked: nobody can reply now." if thread.locked else "The thread is open for replies again.",
              "success")
    return redirect(thread_url(thread))


@bp.post(C + "/threads/<int:thread_id>/pin")
@class_access("teacher")
def pin(classroom: Classroom, thread_id: int):
    """Pin a thread to the top of its forum, or unpin it."""
    thread = services.get_thread(classroom, thread_id)
    if ConfirmForm().confirmed():
        moderation.set_pinned(thread, not thread.pinned)
        flash("The thread is pinned to the top of the forum." if thread.pinned else "The thread is not pinned now.",
              "success")
    return redirect(thread_url(thread))


@bp.route(C + "/threads/<int:thread_id>/move", methods=["GET", "POST"])
@class_access("teacher")
def move_thread(classroom: Classroom, thread_id: int):
    """Put a thread in another forum of the class."""
    thread = services.get_thread(classroom, thread_id)
    form = MoveForm(forum=thread.forum_id)
    form.forum.choices = [(f.id, f.title + (" (archived)" if f.archived else ""))
                          for f in services.forums(classroom, archived=None)]
    if form.validate_on_submit():
        target = services.get_forum(classroom, form.forum.data)
        services.move_thread(thread, target)
        flash(f"The thread is now in “{target.title}”.", "success")
        return redirect(thread_url(thread))
    return render_template("forum/move.html", classroom=classroom, thread=thread, form=form)


@bp.post(C + "/threads/<int:thread_id>/delete")
@class_access("teacher")
def delete_thread(classroom: Classroom, thread_id: int):
    """Delete a thread and all its posts."""
    thread = services.get_thread(classroom, thread_id)
    if not ConfirmForm().confirmed():
        return redirect(thread_url(thread))
    forum_id = thread.forum_id
    moderation.delete_thread(thread)
    flash("The thread is deleted.", "success")
    return redirect(url_for(".forum", class_id=classroom.id, forum_id=forum_id))


@bp.post(C + "/posts/<int:post_id>/hide")
@class_access("teacher")
def hide(classroom: Classroom, post_id: int):
    """Hide a post from students (its author still sees it), or show it again."""
    post = services.get_post(classroom, post_id)
    if ConfirmForm().confirmed():
        moderation.set_hidden(post, not post.hidden)
        flash("The post is hidden. Only its author and teachers see it." if post.hidden else "Everyone can see the post again.",
              "success")
    return redirect(post_url(post))


@bp.get(C + "/posts/<int:post_id>/history")
@class_access("teacher")
def history(classroom: Classroom, post_id: int):
    """Earlier versions of an edited post."""
    post = services.get_post(classroom, post_id)
    return render_template("forum/history.html", classroom=classroom, post=post, revisions=posts.revisions(post))


@bp.get(C + "/moderation")
@class_access("teacher")
def queue(classroom: Classroom):
    """Reported posts waiting for a teacher."""
    return render_template("forum/queue.html", classroom=classroom, reports=moderation.open_reports(classroom),
                           confirm=ConfirmForm())


@bp.post(C + "/reports/<int:report_id>/<any(hide, dismiss):action>")
@class_access("teacher")
def resolve(classroom: Classroom, report_id: int, action: str):
    """Resolve a report: hide the post, or dismiss the report."""
    row = moderation.get_report(classroom, report_id)
    if ConfirmForm().confirmed():
        moderation.resolve(row, current_user, action)
        flash("The post is hidden." if action == "hide" else "The report is dismissed.", "success")
    return redirect(url_for(".queue", class_id=classroom.id))
