"""Corrections pages: a text's corrections (read, add, answer, take back), the class's codes,
"My language" and the class view with its CSV.

Every text is loaded through ``pages`` (the forum's ``readable_post``, the reflections'
``readable_assignment``), then ``access.can_see_corrections``: 404 for a classmate.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import clock, spreadsheets, submissions
from app.classes.models import Classroom
from app.forms import ConfirmForm
from app.forum import notifications
from app.forum.urls import post_url
from app.grading import services as grading_services
from app.permissions import class_access, is_teacher

from . import access, bp, language, pages, sections, services, urls  # noqa: F401  (sections register themselves)
from .forms import AnswerForm, CodeForm, CorrectionForm

C = "/classes/<int:class_id>"
A = C + "/reflections/<int:assignment_id>"
ANSWERS = {"fixed": "You said you fixed it.", "unclear": "Your teacher will know you do not understand it.",
           "": "Your answer is taken back."}


def _after(text: services.Text, back: str = "") -> str:
    """Where a change to a text's corrections leads: its page, or the grading page."""
    if back == "grading" and text.kind == "reflection":
        from app.extensions import db
        from app.reflections.models import Reflection

        reflection = db.session.get(Reflection, text.id)
        return url_for("grading.grade", class_id=text.classroom_id, assignment_id=reflection.assignment_id,
                       student_id=text.author_id, _anchor="corrections")
    return text.page


def _text_page(classroom, text, form, *, shown, title, back_url, status=200):
    page = pages.corrected(text, shown=shown, title=title, back_url=back_url)
    return render_template("corrections/text.html", classroom=classroom, page=page, form=form,
                           answer_form=AnswerForm(), confirm=ConfirmForm(),
                           action=urls.add(text.page)), status


def _save(text: services.Text, form: CorrectionForm):
    """Add the correction the form holds, once; None when the words are not in the text."""

    def write():
        try:
            services.add(text, current_user, words=form.words.data, occurrence=form.occurrence.data or 1,
                         code=form.code.data, better=form.better.data, comment=form.comment.data)
        except services.NotFound as error:
            form.words.errors = [*form.words.errors, str(error)]
            return None
        return _after(text, form.back.data) + ("" if form.back.data == "grading" else "#corrections")

    return submissions.save_once(form, write, "The correction is saved. The student can see it now.")


@bp.get(C + "/posts/<int:post_id>/corrections")
@class_access("member")
def post_page(classroom: Classroom, post_id: int):
    """A post's corrections: the post with the marked words, the list, and (for a teacher)
    the form to add one. Only the writer and the class's teachers; others get 404."""
    return _post_page(classroom, pages.post_text(classroom, post_id), _form(classroom))


@bp.post(C + "/posts/<int:post_id>/corrections/new")
@class_access("teacher")
def correct_post(classroom: Classroom, post_id: int):
    """Add a correction to a post (the form comes back, filled in, when the words are not there)."""
    text = pages.post_text(classroom, post_id)
    if not access.can_correct(current_user, text.author_id, is_teacher()):
        abort(403)
    form = _form(classroom)
    return (form.validate_on_submit() and _save(text, form)) or _post_page(classroom, text, form)


def _form(classroom: Classroom) -> CorrectionForm:
    return CorrectionForm().set_codes(services.codes_of(classroom.id))


def _post_page(classroom, text, form):
    from app.extensions import db
    from app.forum.models import Post

    return _text_page(classroom, text, form, shown=True, title="Corrections of a post",
                      back_url=post_url(db.session.get(Post, text.id)))


@bp.get(A + "/students/<int:student_id>/corrections")
@class_access("member")
def reflection_page(classroom: Classroom, assignment_id: int, student_id: int):
    """A reflection's corrections (as ``post_page``). A teacher sees the text once handed in."""
    return _reflection_page(classroom, *pages.reflection_text(classroom, assignment_id, student_id),
                            _form(classroom))


@bp.post(A + "/students/<int:student_id>/corrections/new")
@class_access("teacher")
def correct_reflection(classroom: Classroom, assignment_id: int, student_id: int):
    """Add a correction to a handed-in reflection (from its page or the grading page)."""
    assignment, thread, reflection, text = pages.reflection_text(classroom, assignment_id, student_id)
    form = _form(classroom)
    if not _shown(reflection):
        if form.csrf_ok():
            flash("The student has not handed this reflection in yet, so it cannot be corrected.", "error")
        else:
            ConfirmForm().confirmed()  # says the page was open too long
        return redirect(text.page)
    return (form.validate_on_submit() and _save(text, form)) or _reflection_page(
        classroom, assignment, thread, reflection, text, form)


def _shown(reflection) -> bool:
    """The reflection's text is shown: to its writer, or once handed in."""
    return (current_user.id == reflection.student_id or reflection.submitted_at is not None
            or reflection.returned_at is not None)


def _reflection_page(classroom, assignment, thread, reflection, text, form):
    back = (url_for("grading.grade", class_id=classroom.id, assignment_id=assignment.id,
                    student_id=reflection.student_id)
            if is_teacher() else url_for("reflections.write", class_id=classroom.id, assignment_id=assignment.id))
    return _text_page(classroom, text, form, shown=_shown(reflection),
                      title=f"Corrections of a reflection on “{thread.title}”", back_url=back)


@bp.post(C + "/corrections/<int:correction_id>/answer")
@class_access("member")
def answer(classroom: Classroom, correction_id: int):
    """The writer's answer: "I fixed it", "I don't understand" (tells the teacher), or take it back."""
    correction = services.get_correction(classroom.id, correction_id)
    text = pages.text_of_correction(classroom, correction)
    form = AnswerForm()
    if not form.validate_on_submit():
        ConfirmForm().confirmed()  # says the page was open too long
    elif not access.can_answer(current_user, correction):
        flash("Only the writer of the text can answer a correction.", "error")
    elif form.answer.data in ANSWERS:
        services.answer(correction, text, current_user, form.answer.data)
        flash(ANSWERS[form.answer.data], "success")
    return redirect(text.page + urls.anchor(correction.id))


@bp.post(C + "/corrections/<int:correction_id>/delete")
@class_access("teacher")
def delete(classroom: Classroom, correction_id: int):
    """A teacher takes a correction back."""
    correction = services.get_correction(classroom.id, correction_id)
    text = pages.text_of_correction(classroom, correction)
    if ConfirmForm().confirmed():
        services.remove(correction, text)
        flash("The correction is deleted.", "success")
    return redirect(_after(text, request.form.get("back", "")))


# -- codes ------------------------------------------------------------------------------------

@bp.route(C + "/correction-codes", methods=["GET", "POST"])
@class_access("teacher")
def codes(classroom: Classroom):
    """The class's correction codes: the defaults, the class's own, and a form to add one."""
    form = CodeForm()
    if form.validate_on_submit():
        def write():
            if services.add_code(classroom.id, form.code.data, form.name.data, form.explanation.data) is None:
                form.code.errors = [*form.code.errors, "The class already has this code."]
                return None
            return url_for(".codes", class_id=classroom.id)

        done = submissions.save_once(form, write, "The code is added.")
        if done is not None:
            return done
    from .codes import DEFAULTS

    return render_template("corrections/codes.html", classroom=classroom, defaults=DEFAULTS,
                           own=services.class_codes(classroom.id), form=form, confirm=ConfirmForm())


@bp.post(C + "/correction-codes/<int:code_id>/delete")
@class_access("teacher")
def delete_code(classroom: Classroom, code_id: int):
    """Delete a class code (its corrections stay, with the code's letters)."""
    code = services.get_code(classroom.id, code_id)
    if ConfirmForm().confirmed():
        from app.extensions import db

        db.session.delete(code)
        flash("The code is deleted. Corrections that used it keep it.", "success")
    return redirect(url_for(".codes", class_id=classroom.id))


# -- the learner's error profile ----------------------------------------------------------------

@bp.get(C + "/my-language")
@class_access("member")
def my_language(classroom: Classroom):
    """My corrections in this class by code ("My language"); teachers go to the class view."""
    if is_teacher():
        return redirect(url_for(".class_language", class_id=classroom.id))
    return render_template("corrections/profile.html", classroom=classroom, student=current_user, mine=True,
                           profile=language.student_profile(classroom.id, current_user.id, clock.now()))


@bp.get(C + "/language/students/<int:student_id>")
@class_access("teacher")
def student_language(classroom: Classroom, student_id: int):
    """One student's "My language" page, for a teacher."""
    student = grading_services.get_student(classroom, student_id)
    return render_template("corrections/profile.html", classroom=classroom, student=student, mine=False,
                           profile=language.student_profile(classroom.id, student.id, clock.now()))


@bp.get(C + "/language")
@class_access("teacher")
def class_language(classroom: Classroom):
    """What the class's students get corrected most, this month and before, and each student's count."""
    now = clock.now()
    return render_template("corrections/class.html", classroom=classroom,
                           profile=language.class_profile(classroom.id, now),
                           students=language.student_totals(classroom.id, now))


@bp.get(C + "/language.csv")
@class_access("teacher")
def class_language_csv(classroom: Classroom):
    """The class view as a spreadsheet."""
    profile = language.class_profile(classroom.id, clock.now())
    months = [m.strftime("%B %Y") for m in profile.months]
    header = ["Code", "Name", "Explanation", f"{months[0]}", "Students this month", months[1], months[2],
              "All time", "Fixed"]
    rows = [[r.code, r.name, r.explanation, r.months[0], r.students, r.months[1], r.months[2], r.total, r.fixed]
            for r in profile.rows]
    return spreadsheets.download(spreadsheets.csv_text(header, rows), f"language-{classroom.id}.csv")


# -- notifications ----------------------------------------------------------------------------

def _target(notification) -> str | None:
    """A correction's notification opens the text's corrections."""
    post = notification.post
    if notification.kind in ("correction", "unclear"):
        return urls.post_page(post.classroom_id, post.id) + "#corrections"
    assignment = grading_services.assignment_of_post(notification.post_id)
    if assignment is None:
        return None
    student = notification.user_id if notification.kind == "corr_refl" else notification.actor_id
    return urls.reflection_page(post.classroom_id, assignment.id, student) + "#corrections"


notifications.LABELS.update(
    correction="{actor} corrected some words in your post in “{title}”",
    corr_refl="{actor} corrected some words in your reflection on “{title}”",
    unclear="{actor} does not understand a correction of their post in “{title}”",
    uncl_refl="{actor} does not understand a correction of their reflection on “{title}”",
)
notifications.TARGETS.update(correction=_target, corr_refl=_target, unclear=_target, uncl_refl=_target)
