"""Grading pages (see the package docstring): queues, one student's grade, release,
return for revision, the student's feedback, the gradebook and its CSV.

Every assignment in a URL is loaded through ``reflections.services.get_assignment``
(404 for another class's); every student through ``services.get_student`` (404
unless a student of the class). The student's own pages have no student id in
the URL: they show the current user's work only.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import clock, slots, spreadsheets
from app.classes.models import Classroom
from app.forms import ConfirmForm
from app.forum import notifications, threads
from app.permissions import class_access, is_teacher
from app.prompts import progress
from app.prompts import services as prompt_services
from app.reflections import services as reflection_services
from app.slugs import slugify

from . import access, bp, sections, services  # noqa: F401  (sections registers itself)
from . import gradebook as gradebooks
from .forms import GradeForm, ReturnForm

C = "/classes/<int:class_id>"
A = C + "/reflections/<int:assignment_id>"
NEEDS_GRADING = "needs-grading"


def grade_url(assignment, student_id: int) -> str:
    return url_for(".grade", class_id=assignment.classroom_id, assignment_id=assignment.id, student_id=student_id)


def queue_url(assignment) -> str:
    return url_for(".queue", class_id=assignment.classroom_id, assignment_id=assignment.id)


def _feedback_target(notification) -> str | None:
    """Opening a "grade" notification shows the feedback; a "returned" one the reflection to change."""
    assignment = services.assignment_of_post(notification.post_id)
    if assignment is None:
        return None
    if notification.kind == "returned":
        return url_for("reflections.write", class_id=assignment.classroom_id, assignment_id=assignment.id)
    return url_for("grading.feedback", class_id=assignment.classroom_id, assignment_id=assignment.id)


notifications.TARGETS.update(grade=_feedback_target, returned=_feedback_target)


# -- queues ------------------------------------------------------------------------------

@bp.get(A + "/grading")
@class_access("teacher")
def queue(classroom: Classroom, assignment_id: int):
    """Every student of the class for one thread's reflection; ``?show=needs-grading`` filters."""
    assignment = reflection_services.get_assignment(classroom, assignment_id)
    thread, prompt = reflection_services.assignment_context(assignment)
    rows = services.rows_for(classroom, [assignment], {assignment.id: thread.title})
    only = request.args.get("show") == NEEDS_GRADING
    return render_template("grading/queue.html", classroom=classroom, assignment=assignment, thread=thread,
                           prompt=prompt, rows=[r for r in rows if r.needs_grading] if only else rows,
                           only=only, total=len(rows), confirm=ConfirmForm(),
                           release_url=url_for(".release_all", class_id=classroom.id, assignment_id=assignment.id))


@bp.get(C + "/prompts/<int:prompt_id>/grading")
@class_access("teacher")
def prompt_queue(classroom: Classroom, prompt_id: int):
    """Every student of the class for all the topics of a prompt."""
    prompt = prompt_services.get_prompt(classroom, prompt_id, teacher=True)
    rows = services.prompt_rows(classroom, prompt)
    only = request.args.get("show") == NEEDS_GRADING
    return render_template("grading/queue.html", classroom=classroom, assignment=None, thread=None, prompt=prompt,
                           rows=[r for r in rows if r.needs_grading] if only else rows, only=only,
                           total=len(rows), confirm=ConfirmForm(),
                           release_url=url_for(".release_prompt", class_id=classroom.id, prompt_id=prompt.id))


@bp.post(A + "/release")
@class_access("teacher")
def release_all(classroom: Classroom, assignment_id: int):
    """Show every complete grade of the assignment to its student."""
    assignment = reflection_services.get_assignment(classroom, assignment_id)
    if ConfirmForm().confirmed():
        thread, _ = reflection_services.assignment_context(assignment)
        count = services.release_all(assignment, current_user, thread)
        flash(_released(count), "success")
    return redirect(queue_url(assignment))


@bp.post(C + "/prompts/<int:prompt_id>/release")
@class_access("teacher")
def release_prompt(classroom: Classroom, prompt_id: int):
    """Show every complete grade of all the prompt's topics."""
    prompt = prompt_services.get_prompt(classroom, prompt_id, teacher=True)
    if ConfirmForm().confirmed():
        count = 0
        for assignment, _ in services.prompt_assignments(prompt):
            thread, _ = reflection_services.assignment_context(assignment)
            count += services.release_all(assignment, current_user, thread)
        flash(_released(count), "success")
    return redirect(url_for(".prompt_queue", class_id=classroom.id, prompt_id=prompt.id))


def _released(count: int) -> str:
    if not count:
        return "There were no saved grades to release."
    return f"{count} grade{'s are' if count != 1 else ' is'} released. The students can see them now."


# -- one student ------------------------------------------------------------------------------

@bp.route(A + "/grading/<int:student_id>", methods=["GET", "POST"])
@class_access("teacher")
def grade(classroom: Classroom, assignment_id: int, student_id: int):
    """One student's reflection and discussion beside the rubric.

    "Save grade" needs every criterion; "Save and next student" too. "Previous
    student"/"Next student" keep what was typed as a draft grade, then move on.
    """
    assignment = reflection_services.get_assignment(classroom, assignment_id)
    student = services.get_student(classroom, student_id)
    people = services.students(classroom)
    before, after = services.neighbours(people, student.id)
    reflection, grade = reflection_services.work_of(assignment, student.id)
    form = GradeForm()
    if request.method == "GET" and grade is not None:
        form.fill(grade)
    if form.validate_on_submit():
        data = form.data_for(assignment.rubric, request.form)
        action = request.form.get("action", "")
        going = request.form.get("go", type=int)
        complete = action in ("save", "save_next")
        ready = form.check_complete(assignment.rubric, data) if complete else True
        grade = services.save_grade(assignment, student.id, current_user, data, complete=complete and ready,
                                    grade=grade)
        if ready:
            if complete:
                flash(f"The grade for {student.display_name} is saved." +
                      ("" if grade.released_at else " The student sees it once you release it."), "success")
            if going in {p[0] for p in people}:
                return redirect(grade_url(assignment, going))
            if action == "save_next":
                return redirect(grade_url(assignment, after[0]) if after else queue_url(assignment))
            return redirect(grade_url(assignment, student.id))
    return _grade_page(classroom, assignment, student, reflection, grade, form, ReturnForm(), before, after)


def _grade_page(classroom, assignment, student, reflection, grade, form, return_form, before, after):
    """The grading page (also after a form came back with problems: what was typed is shown again)."""
    thread, prompt = reflection_services.assignment_context(assignment)
    chosen = services.parse_levels(assignment.rubric, request.form) if request.method == "POST" else (
        {k: int(v) for k, v in (grade.levels if grade else {}).items()})
    lines = met = None
    if prompt is not None:
        student_progress = progress.student_progress(prompt, student.id)
        lines, met = progress.checklist(prompt, student_progress), student_progress.met(prompt)
    opening, nodes = threads.whole_thread(thread)
    row = services.StudentWork(student.id, student.display_name, assignment, reflection, grade,
                       any(n.post.author_id == student.id for n in nodes if not n.post.deleted))
    return render_template("grading/grade.html", classroom=classroom, assignment=assignment, thread=thread,
                           prompt=prompt, student=student, reflection=reflection, grade=grade, row=row, form=form,
                           return_form=return_form, before=before, after=after, chosen=chosen,
                           lines=lines, met=met, opening=opening,
                           reflection_parts=slots.build(slots.REFLECTION, reflection=reflection, assignment=assignment,
                                                        user=current_user, teacher=True),
                           nodes=nodes, versions=reflection_services.versions(reflection), confirm=ConfirmForm(),
                           total=services.score_of(assignment, services.GradeInput(
                               chosen, form.points.data, form.adjustment.data or 0)))


@bp.post(A + "/grading/<int:student_id>/release")
@class_access("teacher")
def release(classroom: Classroom, assignment_id: int, student_id: int):
    """Show one student their (complete) grade."""
    assignment = reflection_services.get_assignment(classroom, assignment_id)
    student = services.get_student(classroom, student_id)
    if ConfirmForm().confirmed():
        _, grade = reflection_services.work_of(assignment, student.id)
        if grade is None or not grade.complete:
            flash("Save the grade first: choose a level for every criterion and press “Save grade”.", "error")
        else:
            thread, _ = reflection_services.assignment_context(assignment)
            services.release([grade], current_user, thread)
            flash(f"{student.display_name} can see the grade now.", "success")
    return redirect(grade_url(assignment, student.id))


@bp.post(A + "/grading/<int:student_id>/hide")
@class_access("teacher")
def hide(classroom: Classroom, assignment_id: int, student_id: int):
    """Take a released grade back, so the student no longer sees it."""
    assignment = reflection_services.get_assignment(classroom, assignment_id)
    student = services.get_student(classroom, student_id)
    if ConfirmForm().confirmed():
        _, grade = reflection_services.work_of(assignment, student.id)
        if access.is_released(grade):
            services.hide(grade)
            flash(f"The grade is hidden from {student.display_name} again.", "success")
    return redirect(grade_url(assignment, student.id))


@bp.post(A + "/grading/<int:student_id>/return")
@class_access("teacher")
def return_reflection(classroom: Classroom, assignment_id: int, student_id: int):
    """Give the reflection back to change, with a comment (required). The handed-in text is kept."""
    assignment = reflection_services.get_assignment(classroom, assignment_id)
    student = services.get_student(classroom, student_id)
    reflection, grade = reflection_services.work_of(assignment, student.id)
    form = ReturnForm()
    if form.validate_on_submit():
        if reflection is None or reflection.submitted_at is None:
            flash("There is nothing handed in to return.", "error")
            return redirect(grade_url(assignment, student.id))
        thread, _ = reflection_services.assignment_context(assignment)
        services.return_for_revision(reflection, grade, form.comment.data, current_user, thread)
        flash(f"The reflection is back with {student.display_name} to change.", "success")
        return redirect(grade_url(assignment, student.id))
    people = services.students(classroom)
    before, after = services.neighbours(people, student.id)
    grade_form = GradeForm(formdata=None)
    if grade is not None:
        grade_form.fill(grade)
    return _grade_page(classroom, assignment, student, reflection, grade, grade_form, form, before, after)


# -- the student's side -------------------------------------------------------------------------

@bp.get(A + "/feedback")
@class_access("member")
def feedback(classroom: Classroom, assignment_id: int):
    """My released grade: the rubric with my levels, the score, the adjustment, the feedback and my text
    (404 while the thread page would not show the thread)."""
    assignment, thread, prompt, _ = reflection_services.readable_assignment(classroom, assignment_id, current_user,
                                                                            is_teacher())
    reflection, grade = reflection_services.work_of(assignment, current_user.id)
    shown = grade if access.can_see_grade(grade, teacher=False) else None  # a student's own page
    return render_template("grading/feedback.html", classroom=classroom, assignment=assignment, thread=thread,
                           prompt=prompt, reflection=reflection, grade=shown,
                           write_url=url_for("reflections.write", class_id=classroom.id, assignment_id=assignment.id))


@bp.get(C + "/grades")
@class_access("member")
def my_grades(classroom: Classroom):
    """My released grades in this class, with links to the feedback."""
    book = gradebooks.gradebook(classroom, student_id=current_user.id)
    cells = [r for r in book.cells.values() if r.released]
    return render_template("grading/my_grades.html", classroom=classroom, book=book, cells=cells)


# -- the gradebook -----------------------------------------------------------------------------

@bp.get(C + "/gradebook")
@class_access("teacher")
def gradebook(classroom: Classroom):
    """Students by assignments (grouped by prompt), with participation per prompt."""
    return render_template("grading/gradebook.html", classroom=classroom, book=gradebooks.gradebook(classroom))


@bp.get(C + "/gradebook.csv")
@class_access("teacher")
def gradebook_csv(classroom: Classroom):
    """The gradebook as a CSV file (UTF-8 with BOM, email first) for a school's gradebook."""
    name = slugify(classroom.name) or f"class-{classroom.id}"
    return spreadsheets.download(gradebooks.csv_text(gradebooks.gradebook(classroom)), f"gradebook-{name}.csv")


@bp.get(C + "/gradebook/students/<int:student_id>")
@class_access("teacher")
def student(classroom: Classroom, student_id: int):
    """Everything one student handed in and how it was graded, with the feedback."""
    person = services.get_student(classroom, student_id)
    book = gradebooks.gradebook(classroom, student_id=person.id)
    return render_template("grading/student.html", classroom=classroom, person=person, book=book,
                           now=clock.now())
