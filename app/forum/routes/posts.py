"""One post: its link, reply, edit, delete, helpful marks and reports."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import submissions, writing
from app.classes.models import Classroom
from app.forms import ConfirmForm
from app.media import forms as media_forms
from app.media import services as media
from app.permissions import class_access

from .. import bp, drafts, moderation, posts
from ..access import can_change_post, can_mark_helpful, is_author
from ..forms import EditForm, ReplyForm, ReportForm
from ..urls import C, post_url
from .loaders import readable_post


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
    quoted = {"body": posts.quote(parent, url_for(".permalink", class_id=classroom.id, post_id=parent.id), parent_name)
              } if request.method == "GET" and request.args.get("quote") else {}
    form = ReplyForm(draft=drafts.reply_place(parent.id), **quoted)
    form.voice_settings(extra.voice_seconds, extra.transcript_required)
    first_post = extra.first_post and parent.depth == 0
    if first_post:
        form.body.label.text = "Your first post"
    form.body.min_words = extra.words_for(parent) or None  # the counter's target (the checklist counts it)
    closed = posts.thread_closed_reason(thread, thread.forum) or extra.closed
    if not closed and parent.deleted:
        closed = "This post was deleted, so you cannot reply to it."
    status = 200
    if request.method == "POST" and closed:
        writing.refuse(form, closed)
        status = 409
    elif form.validate_on_submit():
        def write():
            post = posts.reply(parent, thread, current_user, form.body.data or "")
            if form.upload:
                media.attach_recording(form.upload, classroom_id=classroom.id, owner_id=current_user.id, post_id=post.id,
                                       transcript=form.transcript.data or "", max_seconds=form.voice_seconds)
            return post_url(post)

        return submissions.save_once(form, write, "Your first post is posted." if first_post else "Your reply is posted.")
    template = "forum/_reply_form.html" if request.headers.get("HX-Request") else "forum/reply.html"
    return render_template(template, classroom=classroom, thread=thread, parent=parent, form=form,
                           closed=closed, parent_name=parent_name, starters=extra.starters,
                           first_post=first_post,
                           target_seconds=extra.first_post_seconds if first_post else 0), status


media_forms.takes_uploads("forum.reply")


@bp.route(C + "/posts/<int:post_id>/edit", methods=["GET", "POST"])
@class_access("member")
def edit(classroom: Classroom, post_id: int):
    """The author changes a post; the earlier text is kept in its history."""
    post, extra = readable_post(classroom, post_id)
    if not is_author(current_user, post) or post.deleted:
        if request.method == "GET" or ConfirmForm().confirmed():
            flash("Only the person who wrote a post can change it.", "error")
        return redirect(post_url(post))
    form = EditForm(draft=drafts.edit_place(post.id), body=post.source)
    if request.method == "POST" and not can_change_post(current_user, post, extra):
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
    post, extra = readable_post(classroom, post_id)
    if not ConfirmForm().confirmed():
        pass
    elif not is_author(current_user, post):
        flash("Only the person who wrote a post can delete it.", "error")
    elif not can_change_post(current_user, post, extra):
        flash("You cannot delete this post now. " + (extra.frozen or ""), "error")
    else:
        posts.delete_post(post)
        flash("Your post is deleted.", "success")
    return redirect(post_url(post))


@bp.post(C + "/posts/<int:post_id>/helpful")
@class_access("member")
def helpful(classroom: Classroom, post_id: int):
    """Mark a post helpful (``undo=1`` takes the mark back)."""
    post, _ = readable_post(classroom, post_id)
    if not ConfirmForm().confirmed():
        pass
    elif not can_mark_helpful(current_user, post):
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
    """Ask the class's teachers to look at a post (named as the thread page names its author)."""
    post, extra = readable_post(classroom, post_id)
    form = ReportForm()
    if form.validate_on_submit():
        moderation.report(post, current_user, form.reason.data)
        flash("Thank you. The teachers will look at this post.", "success")
        return redirect(post_url(post))
    return render_template("forum/report.html", classroom=classroom, post=post, form=form,
                           author_name=extra.name(post.author_id, post.author.display_name))
