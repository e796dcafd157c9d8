"""Reflection pages: settings on a thread or prompt, rubric templates, the student writing page.

Every assignment in a URL is loaded through ``services.get_assignment`` (404 for
another class's). The student page only ever shows the current user's reflection.
"""
from __future__ import annotations

from types import SimpleNamespace

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import clock, submissions, writing
from app.classes.models import Classroom
from app.forms import ConfirmForm
from app.forum import services as forum_services
from app.forum import threads
from app.permissions import class_access, is_teacher
from app.prompts import services as prompt_services

from . import bp, sections, services, status, student  # noqa: F401  (sections register themselves)
from .forms import SettingsForm, check_words, reflection_form
from .models import DEFAULT_INSTRUCTIONS
from .rubric import DEFAULT_RUBRIC, max_points, validate

C = "/classes/<int:class_id>"
DEFAULTS = SimpleNamespace(instructions_source=DEFAULT_INSTRUCTIONS, opens_at=None, due_at=None, min_words=0,
                           points=0, rubric=DEFAULT_RUBRIC)


def grading_url(assignment, page: str) -> str:
    """A grading page of the assignment: ``feedback`` (the student's) or ``queue`` (the teacher's)."""
    return url_for(f"grading.{page}", class_id=assignment.classroom_id, assignment_id=assignment.id)


@bp.app_context_processor
def reflection_helpers() -> dict:
    """Names for reflection templates (no queries: pages get their data from views and ``sections``)."""
    return {"reflection_label": status.label, "grading_url": grading_url, "now_utc": clock.now}


# -- settings -----------------------------------------------------------------------

def run_settings_form(form: SettingsForm, classroom: Classroom, locked: list | None, save):
    """Answer the settings form's buttons. Only "Save" stores the settings (through ``save``,
    which returns the response); the rubric buttons send the form back changed.
    Returns a response, or the rubric's problems to show with the form."""
    form.template_id.choices = [(t.id, t.name) for t in services.class_templates(classroom)]
    problems: list[str] = []
    if request.method == "POST":
        action = request.form.get("action", "save")
        if locked is not None and action != "save":
            pass
        elif action == "add_criterion":
            form.add_criterion()
        elif action.startswith("add_level-") and action[10:].isdigit():
            form.add_level(int(action[10:]))
        elif action == "default_rubric":
            form.show_rubric(DEFAULT_RUBRIC)
        elif action == "use_template":
            form.show_rubric(services.get_template(classroom, form.template_id.data or 0).rubric)
        elif action == "save_template":
            problems = _save_template(form, classroom)
        elif form.validate_on_submit():
            rubric = locked if locked is not None else form.rubric()
            problems = validate(rubric)
            if not problems:
                settings = form.settings()
                settings.rubric = rubric
                return save(settings)
        elif locked is None:
            problems = validate(form.rubric())
    form.blank_rows()
    return problems


def _save_template(form: SettingsForm, classroom: Classroom) -> list[str]:
    """Keep the typed rubric under a name (checks the CSRF token like every write)."""
    confirm = ConfirmForm()
    if not confirm.validate_on_submit():
        form.csrf_token.errors = list(confirm.csrf_token.errors) or ["The form was too old."]
        return []
    rubric = form.rubric()
    problems = validate(rubric) if rubric else ["The rubric is empty: add a criterion first."]
    if not form.template_name.data:
        form.template_name.errors = ["Please give the rubric a name."]
    elif not problems and form.template_name.validate(form):
        try:
            services.save_template(classroom, form.template_name.data, rubric)
        except services.NameTaken:
            form.template_name.errors = ["You already have a rubric with this name. Please choose another."]
        else:
            flash(f"The rubric “{form.template_name.data}” is saved. Use it from “Use a saved rubric”.", "success")
            form.template_name.data = ""
            form.template_id.choices = [(t.id, t.name) for t in services.class_templates(classroom)]
    return problems


def _settings_page(form, problems, locked, **context):
    words, moment = context["opening"]
    when = f" ({prompt_services.show_time(moment, context['zone'])})" if moment else ""
    form.opens_at.description = f"Optional. Leave it empty to open {words}{when}."
    return render_template("reflections/settings.html", form=form, problems=problems, locked=locked,
                           max_points=max_points, **context)


@bp.route(C + "/threads/<int:thread_id>/reflection/settings", methods=["GET", "POST"])
@class_access("teacher")
def settings(classroom: Classroom, thread_id: int):
    """Add a reflection to any thread of the class, or change it (a prompt's topic then
    stops following the prompt's settings; "Use the prompt's settings again" undoes that)."""
    thread = forum_services.get_thread(classroom, thread_id)
    found = prompt_services.prompt_of_thread(thread.id)
    prompt = found[0] if found else None
    assignment = services.assignment_of_thread(thread.id)
    from_prompt = services.prompt_reflection(prompt) if prompt is not None else None
    locked = assignment.rubric if services.rubric_locked(assignment) else None
    form = SettingsForm()
    if request.method == "GET":
        form.fill(assignment or from_prompt or DEFAULTS, services.zone_of(prompt))

    def save(values):
        saved = services.save_settings(classroom, thread, prompt, values, assignment)
        flash("The reflection settings are saved.", "success")
        return redirect(url_for(".write", class_id=classroom.id, assignment_id=saved.id))

    if request.method == "POST" and request.form.get("action") == "follow_prompt" and assignment and prompt:
        if not ConfirmForm().confirmed():
            return redirect(url_for(".settings", class_id=classroom.id, thread_id=thread.id))
        if services.follow_prompt(assignment, prompt):
            flash("This topic uses the discussion’s reflection settings again.", "success")
            return redirect(url_for(".write", class_id=classroom.id, assignment_id=assignment.id))
    result = run_settings_form(form, classroom, locked, save)
    if not isinstance(result, list):
        return result
    return _settings_page(form, result, locked, classroom=classroom, thread=thread, prompt=prompt,
                          assignment=assignment, from_prompt=from_prompt,
                          opening=services.default_opening(prompt), zone=services.zone_of(prompt))


@bp.route(C + "/prompts/<int:prompt_id>/reflection", methods=["GET", "POST"])
@class_access("teacher")
def prompt_settings(classroom: Classroom, prompt_id: int):
    """The reflection for every topic of a prompt, set once."""
    prompt = prompt_services.get_prompt(classroom, prompt_id, teacher=True)
    stored = services.prompt_reflection(prompt)
    locked = stored.rubric if stored is not None and services.prompt_rubric_locked(prompt) else None
    form = SettingsForm()
    if request.method == "GET":
        form.fill(stored or DEFAULTS, prompt.time_zone)

    def save(values):
        services.save_prompt_settings(prompt, values)
        flash("The reflection settings are saved for every topic that follows the discussion’s settings.", "success")
        return redirect(url_for(".index", class_id=classroom.id))

    result = run_settings_form(form, classroom, locked, save)
    if not isinstance(result, list):
        return result
    return _settings_page(form, result, locked, classroom=classroom, thread=None, prompt=prompt, assignment=None,
                          from_prompt=None, opening=services.default_opening(prompt), zone=prompt.time_zone)


# -- rubric templates ---------------------------------------------------------------

@bp.get(C + "/rubrics")
@class_access("teacher")
def rubrics(classroom: Classroom):
    """The class's saved rubrics."""
    return render_template("reflections/rubrics.html", classroom=classroom,
                           templates=services.class_templates(classroom), confirm=ConfirmForm(),
                           max_points=max_points)


@bp.post(C + "/rubrics/<int:template_id>/delete")
@class_access("teacher")
def delete_rubric(classroom: Classroom, template_id: int):
    """Forget a saved rubric (reflections that use it keep their own copy)."""
    template = services.get_template(classroom, template_id)
    if ConfirmForm().confirmed():
        services.delete_template(template)
        flash(f"The rubric “{template.name}” is deleted.", "success")
    return redirect(url_for(".rubrics", class_id=classroom.id))


# -- the class's list and the student's page ------------------------------------------

@bp.get(C + "/reflections")
@class_access("member")
def index(classroom: Classroom):
    """Students: the open reflections with their status and due time. Teachers: all, with how many handed in."""
    teacher = is_teacher()
    return render_template("reflections/index.html", classroom=classroom, teacher=teacher,
                           rows=services.class_assignments(classroom, current_user, teacher=teacher, now=clock.now()),
                           zone_of=services.zone_of)


@bp.route(C + "/reflections/<int:assignment_id>", methods=["GET", "POST"])
@class_access("member")
def write(classroom: Classroom, assignment_id: int):
    """The student writes: the discussion beside the editor; "Save draft" and "Hand in".

    Teachers see the settings with links to change them and to grading. Students see
    when it opens until it does (404 while the thread is hidden from them)."""
    assignment, thread, prompt, rules = services.readable_assignment(classroom, assignment_id, current_user,
                                                                     is_teacher())
    zone = services.zone_of(prompt)
    if is_teacher():
        if request.method == "POST":  # nothing for a teacher to hand in
            ConfirmForm().confirmed()
            return redirect(url_for(".write", class_id=classroom.id, assignment_id=assignment.id))
        return render_template("reflections/summary.html", classroom=classroom, assignment=assignment,
                               thread=thread, prompt=prompt, zone=zone, opens=status.opens_at(assignment, prompt),
                               opening=services.default_opening(prompt), max_points=max_points)
    now = clock.now()
    if not status.is_open(assignment, prompt, now):
        return render_template("reflections/not_open.html", classroom=classroom, thread=thread, zone=zone,
                               opens=status.opens_at(assignment, prompt)), 409 if request.method == "POST" else 200
    reflection, grade = student.mine(assignment, current_user)
    form = reflection_form(assignment.min_words, reflection.source if reflection else "")
    can_change = status.can_change(assignment, reflection, grade, now)
    code = 200
    if request.method == "POST" and not can_change:
        writing.refuse(form, "You cannot change your reflection now.")
        code = 409
    elif form.validate_on_submit():
        hand_in = request.form.get("action") == "hand_in" or (reflection is not None and reflection.submitted_at)
        if check_words(form, assignment.min_words if hand_in else 0):
            def write():
                student.save(assignment, thread, current_user, form.body.data, hand_in=bool(hand_in), now=now,
                             reflection=reflection, grade=grade)
                return url_for(".write", class_id=classroom.id, assignment_id=assignment.id)

            return submissions.save_once(form, write,
                                         "Your reflection is handed in." if hand_in else "Your draft is saved.")
    view = threads.thread_page(thread, current_user, 1, rules=rules)
    return render_template("reflections/write.html", classroom=classroom, assignment=assignment, thread=thread,
                           prompt=prompt, zone=zone, form=form, view=view, reflection=reflection, grade=grade,
                           state=status.state(assignment, reflection, grade), can_change=can_change,
                           late=status.lateness(assignment, reflection.submitted_at if reflection else None),
                           describe_lateness=status.describe_lateness, versions=student.versions(reflection),
                           feedback_url=grading_url(assignment, "feedback")), code
