"""Class pages: create, join, home, members."""
from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user

from app import slots
from app.auth import recovery
from app.extensions import db
from app.forms import ConfirmForm
from app.permissions import can_get_password_link, class_access, is_teacher, user_required

from . import bp, services
from .forms import ClassForm, JoinForm
from .models import Classroom, Membership, Role


@bp.route("/new", methods=["GET", "POST"])
@user_required
def create():
    """Create a class; the creator becomes its teacher."""
    form = ClassForm()
    if form.validate_on_submit():
        classroom = services.create_class(current_user, form.name.data, form.description.data or "")
        flash(f"Your class is ready. Give students the join code {classroom.join_code}.", "success")
        return redirect(url_for(".home", class_id=classroom.id))
    return render_template("classes/create.html", form=form)


@bp.route("/join", methods=["GET", "POST"])
@user_required
def join():
    """Join a class as a student by typing its code."""
    form = JoinForm()
    if form.validate_on_submit():
        classroom = services.find_by_code(form.code.data)
        if classroom is None:
            form.code.errors.append("We cannot find a class with this code. Check the letters and try again.")
        else:
            try:
                services.join_class(current_user, classroom)
                flash(f"Welcome to {classroom.name}!", "success")
            except services.AlreadyMember:
                flash(f"You are already in {classroom.name}.", "info")
            return redirect(url_for(".home", class_id=classroom.id))
    return render_template("classes/join.html", form=form)


@bp.route("/<int:class_id>/")
@class_access("member")
def home(classroom: Classroom):
    """The class home page: what to do next, the join code for teachers, then the sections
    features add (discussions, forums, reflections, wiki; see ``app.slots``)."""
    context = {"classroom": classroom, "user": current_user, "teacher": is_teacher()}
    return render_template("classes/home.html", classroom=classroom, confirm=ConfirmForm(),
                           steps=slots.steps(**context), sections=slots.build(slots.CLASS_HOME, **context))


@bp.route("/<int:class_id>/settings", methods=["GET", "POST"])
@class_access("teacher")
def settings(classroom: Classroom):
    """Change the class name and description."""
    form = ClassForm(obj=classroom)
    if form.validate_on_submit():
        classroom.name = form.name.data.strip()
        classroom.description = (form.description.data or "").strip()
        flash("Saved.", "success")
        return redirect(url_for(".home", class_id=classroom.id))
    return render_template("classes/settings.html", classroom=classroom, form=form)


@bp.route("/<int:class_id>/members")
@class_access("teacher")
def members(classroom: Classroom):
    """The member list, with the join code and role buttons."""
    members = services.members(classroom)
    return render_template(
        "classes/members.html", classroom=classroom, members=members, confirm=ConfirmForm(),
        teaching=services.teaching_anywhere(m.user_id for m in members),
    )


@bp.post("/<int:class_id>/code")
@class_access("teacher")
def new_code(classroom: Classroom):
    """Make a new join code; the old one stops working."""
    if ConfirmForm().confirmed():
        code = services.regenerate_code(classroom)
        flash(f"The new join code is {code}. The old code does not work any more.", "success")
    return redirect(url_for(".members", class_id=classroom.id))


def _get_membership(classroom: Classroom, membership_id: int) -> Membership:
    """The membership of this class, or 404."""
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.classroom_id != classroom.id:
        abort(404)
    return membership


@bp.post("/<int:class_id>/members/<int:membership_id>/remove")
@class_access("teacher")
def remove_member(classroom: Classroom, membership_id: int):
    """Take a member out of the class."""
    membership = _get_membership(classroom, membership_id)
    if ConfirmForm().confirmed():
        if membership.role == Role.TEACHER and services.teacher_count(classroom) == 1:
            flash("A class needs at least one teacher.", "error")
        else:
            name = membership.user.display_name
            services.remove_member(membership)
            flash(f"{name} is no longer in this class.", "success")
    return redirect(url_for(".members", class_id=classroom.id))


@bp.post("/<int:class_id>/members/<int:membership_id>/role/<any(teacher, student):role>")
@class_access("teacher")
def set_role(classroom: Classroom, membership_id: int, role: str):
    """Make a member a co-teacher, or a student again."""
    membership = _get_membership(classroom, membership_id)
    if ConfirmForm().confirmed():
        if role == Role.STUDENT and membership.role == Role.TEACHER and services.teacher_count(classroom) == 1:
            flash("A class needs at least one teacher.", "error")
        else:
            services.set_role(membership, role)
            flash(f"{membership.user.display_name} is now a {role}.", "success")
    return redirect(url_for(".members", class_id=classroom.id))


@bp.post("/<int:class_id>/members/<int:membership_id>/password-link")
@class_access("teacher")
def password_link(classroom: Classroom, membership_id: int):
    """Make a one-time password link for a student who cannot get their e-mail, and show it once.

    The link works for one hour; it lets the student choose a new password (the teacher
    never sees or sets one)."""
    membership = _get_membership(classroom, membership_id)
    if not ConfirmForm().confirmed():
        return redirect(url_for(".members", class_id=classroom.id))
    student = membership.user
    if not can_get_password_link(membership, bool(services.teaching_anywhere([student.id]))):
        flash(f"{student.display_name} is a teacher or a site admin: they can use \"Forgot your password?\" "
              "on the login page.", "error")
        return redirect(url_for(".members", class_id=classroom.id))
    url, expires_at = recovery.make_password_link(student, current_user)
    response = make_response(render_template("classes/password_link.html", classroom=classroom, student=student,
                                             url=url, expires_at=expires_at))
    response.headers["Cache-Control"] = "no-store"
    return response
