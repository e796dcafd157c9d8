"""Prompt pages: the list, a prompt, create/edit/publish/reopen/extend, participation.

Every prompt in a URL is loaded through ``services.get_prompt``, which gives
404 for another class's prompt and, for students, for a draft or one not open yet.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app import clock, slots, spreadsheets, submissions
from app.auth.models import User
from app.classes.models import Classroom, Membership, Role
from app.extensions import db
from app.forms import ConfirmForm
from app.permissions import class_access, is_teacher
from app.timezones import to_utc

from . import bp, progress, rules, sections, services  # noqa: F401  (rules and sections register themselves)
from .forms import ExtensionForm, PromptForm
from .urls import prompt_url

C = "/classes/<int:class_id>/prompts"
PUBLISHED = "The discussion is published."


@bp.app_context_processor
def prompt_helpers() -> dict:
    """``show_time(moment, zone)`` for prompt times, as a ``<time>`` element."""
    return {"show_time": services.time_element}


@bp.get(C)
@class_access("member")
def index(classroom: Classroom):
    """The class's prompts: all for teachers (drafts marked), open ones for students."""
    return render_template("prompts/index.html", classroom=classroom, teacher=is_teacher(),
                           prompts=sections.class_home(classroom, current_user, is_teacher()))


@bp.route(C + "/new", methods=["GET", "POST"])
@class_access("teacher")
def new(classroom: Classroom):
    """Write a prompt; it stays a draft until published."""
    form = PromptForm()
    if form.validate_on_submit():
        def write():
            prompt = services.create_prompt(classroom, current_user, form.values(), form.topic_inputs())
            if form.publish_now:
                services.publish(prompt)
            return prompt_url(prompt)

        return submissions.save_once(form, write, PUBLISHED if form.publish_now else
                                     "The prompt is saved as a draft. Students see it once you publish it.")
    return render_template("prompts/form.html", classroom=classroom, form=form, prompt=None, archive_titles=None)


@bp.route(C + "/<int:prompt_id>/edit", methods=["GET", "POST"])
@class_access("teacher")
def edit(classroom: Classroom, prompt_id: int):
    """Change a prompt, also after students have posted. Removing a topic with posts asks first."""
    prompt = services.get_prompt(classroom, prompt_id, teacher=True)
    form = PromptForm()
    if request.method == "GET":
        form.fill(prompt)
    archive_titles = None
    publishing = form.publish_now and prompt.published_at is None
    if form.validate_on_submit():
        def write():
            nonlocal archive_titles
            try:
                services.update_prompt(prompt, current_user, form.values(), form.topic_inputs(),
                                       archive_ok=form.confirm_archive.data)
            except services.TopicsHavePosts as error:
                archive_titles = error.titles
                return None
            if publishing:
                services.publish(prompt)
            return prompt_url(prompt)

        saved = submissions.save_once(form, write, PUBLISHED if publishing else "Your changes are saved.")
        if saved:
            return saved
    return render_template("prompts/form.html", classroom=classroom, form=form, prompt=prompt,
                           archive_titles=archive_titles)


@bp.get(C + "/<int:prompt_id>")
@class_access("member")
def prompt(classroom: Classroom, prompt_id: int):
    """The prompt: instructions, topics with how many chose each, starters, chat, my checklist."""
    teacher = is_teacher()
    prompt = services.get_prompt(classroom, prompt_id, teacher=teacher)
    lines = None if teacher else progress.checklist(prompt, progress.student_progress(prompt, current_user.id))
    chat = services.chat_state(prompt)
    after_chat = slots.build(slots.AFTER_CHAT, prompt=prompt, user=current_user, teacher=teacher) \
        if chat == "finished" else []
    return render_template("prompts/prompt.html", classroom=classroom, prompt=prompt, teacher=teacher, lines=lines,
                           chosen=services.topic_choices(prompt), chat=chat, after_chat=after_chat,
                           chat_changes_at=services.chat_changes_at(prompt),
                           starters=services.starter_list(prompt), confirm=ConfirmForm(), now=clock.now(),
                           closes=None if teacher else services.closes_for(prompt, current_user.id),
                           closed=not teacher and services.is_closed_for(prompt, current_user.id))


@bp.post(C + "/<int:prompt_id>/publish")
@class_access("teacher")
def publish(classroom: Classroom, prompt_id: int):
    """Publish a draft: students see it from its opening time."""
    prompt = services.get_prompt(classroom, prompt_id, teacher=True)
    if ConfirmForm().confirmed() and prompt.published_at is None:
        services.publish(prompt)
        flash(PUBLISHED, "success")
    return redirect(prompt_url(prompt))


@bp.post(C + "/<int:prompt_id>/reopen")
@class_access("teacher")
def reopen(classroom: Classroom, prompt_id: int):
    """Take away the closing time, so students can write again."""
    prompt = services.get_prompt(classroom, prompt_id, teacher=True)
    if ConfirmForm().confirmed():
        services.reopen(prompt)
        flash("The discussion is open again. It has no closing time now.", "success")
    return redirect(prompt_url(prompt))


def _students(classroom: Classroom) -> list[tuple[int, str]]:
    return list(db.session.execute(
        select(User.id, User.display_name).join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == classroom.id, Membership.role == Role.STUDENT)
        .order_by(User.display_name)).all())


@bp.route(C + "/<int:prompt_id>/extend", methods=["GET", "POST"])
@class_access("teacher")
def extend(classroom: Classroom, prompt_id: int):
    """Give one student more time: their own closing time."""
    prompt = services.get_prompt(classroom, prompt_id, teacher=True)
    form = ExtensionForm(time_zone=prompt.time_zone)
    form.student.choices = [SelectChoice(uid, name) for uid, name in _students(classroom)]
    if form.validate_on_submit():
        services.extend(prompt, form.student.data, to_utc(form.closes_at.data, form.time_zone.data))
        flash("The student has more time now.", "success")
        return redirect(prompt_url(prompt))
    names = dict(_students(classroom))
    given = [(names.get(uid, "?"), when) for uid, when in services.extensions(prompt).items()]
    return render_template("prompts/extend.html", classroom=classroom, prompt=prompt, form=form, given=given)


@bp.get(C + "/<int:prompt_id>/participation")
@class_access("teacher")
def participation(classroom: Classroom, prompt_id: int):
    """One row per student; ``?sort=name|words|replies|activity|met``."""
    prompt = services.get_prompt(classroom, prompt_id, teacher=True)
    sort = request.args.get("sort", "name")
    sort = sort if sort in (*progress.SORTS, "met") else "name"
    return render_template("prompts/participation.html", classroom=classroom, prompt=prompt, sort=sort,
                           rows=progress.participation(prompt, sort))


@bp.get(C + "/<int:prompt_id>/participation.csv")
@class_access("teacher")
def participation_csv(classroom: Classroom, prompt_id: int):
    """The participation table as a CSV file."""
    prompt = services.get_prompt(classroom, prompt_id, teacher=True)
    rows = progress.participation(prompt, request.args.get("sort", "name"))
    text = progress.participation_csv(prompt, rows, lambda t: services.show_time(t, prompt.time_zone))
    return spreadsheets.download(text, f"participation-prompt-{prompt.id}.csv")


@bp.get(C + "/<int:prompt_id>/students/<int:membership_id>")
@class_access("teacher")
def student(classroom: Classroom, prompt_id: int, membership_id: int):
    """All of one student's posts in the prompt, in order, with links into the threads."""
    prompt = services.get_prompt(classroom, prompt_id, teacher=True)
    member = db.session.scalar(select(Membership).where(Membership.id == membership_id,
                                                         Membership.classroom_id == classroom.id))
    if member is None:
        abort(404)
    person = db.session.get(User, member.user_id)
    return render_template("prompts/student.html", classroom=classroom, prompt=prompt, person=person,
                           posts=progress.student_posts(prompt, person.id),
                           lines=progress.checklist(prompt, progress.student_progress(prompt, person.id)))
