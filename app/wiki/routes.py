"""Wiki pages for class members; deleting, restoring and locking are for teachers.

Every page in a URL is loaded through ``services`` helpers that only look inside the
class of the URL, so a slug of another class is a 404.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import submissions, writing
from app.classes.models import Classroom
from app.forms import ConfirmForm
from app.permissions import class_access, is_teacher

from . import access, bp, drafts, history, sections, services, talk  # noqa: F401  (sections, drafts register themselves)
from .diff import word_diff
from .forms import CreateForm, EditForm, RenameForm
from .models import WikiPage
from .urls import create_url, page_url

LOCKED = "A teacher has locked this page, so only teachers can change it."


def can_edit(page: WikiPage) -> bool:
    """``access.can_edit_page`` for the current user."""
    return access.can_edit_page(page, is_teacher())


def live_page(classroom: Classroom, slug: str) -> WikiPage:
    """The live page; an old slug redirects, anything else is a 404.

    A form sent to the old slug (someone renamed the page while it was open)
    goes to the renamed page, so the text typed is not lost: the edit form's
    base revision still catches changes made in between."""
    page = services.find_page(classroom, slug)
    if page is None:
        target = services.redirect_target(classroom, slug)
        if target is None:
            abort(404)
        if request.method != "GET":
            return target
        abort(redirect(renamed_url(target)))
    return page


def renamed_url(target: WikiPage) -> str:
    """This request's address with the page's new slug: the path is built from the route and the
    page, and the query string only comes along as data (it never reaches ``url_for``, whose
    ``_external``, ``_method`` or ``slug`` arguments it could otherwise set)."""
    url = url_for(request.endpoint, **{**request.view_args, "class_id": target.classroom_id, "slug": target.slug})
    query = urlencode(list(request.args.items(multi=True)))
    return f"{url}?{query}" if query else url


# -- lists ------------------------------------------------------------------------------

@bp.get("/")
@class_access("member")
def home(classroom: Classroom):
    """The wiki's home page (or the page list if a teacher deleted it)."""
    if services.find_page(classroom, services.home_slug(classroom)) is None:
        return redirect(url_for(".index", class_id=classroom.id))
    return redirect(page_url(classroom.id, services.home_slug(classroom)))


@bp.get("/pages")
@class_access("member")
def index(classroom: Classroom):
    """Every page of the class wiki, A to Z."""
    return render_template("wiki/index.html", classroom=classroom, groups=history.index(classroom))


@bp.get("/changes")
@class_access("member")
def changes(classroom: Classroom):
    """Recent changes in the class wiki: who changed what, when, and why; paginated."""
    rows, page, pages_ = history.recent_changes(classroom, request.args.get("page", 1, type=int))
    return render_template("wiki/changes.html", classroom=classroom, rows=rows, page=page, pages=pages_)


@bp.get("/deleted")
@class_access("teacher")
def deleted(classroom: Classroom):
    """Pages a teacher deleted, each with a button to restore it."""
    return render_template("wiki/deleted.html", classroom=classroom, pages=history.deleted_pages(classroom),
                           confirm=ConfirmForm())


# -- creating and viewing --------------------------------------------------------------------

@bp.route("/new", methods=["GET", "POST"])
@class_access("member")
def create(classroom: Classroom):
    """Make a page; ``?title=`` fills in the title (links to missing pages come here)."""
    form = CreateForm(draft=drafts.new_page_place(classroom.id))
    if request.method == "GET":
        form.title.data = request.args.get("title", "")[:150]
    if form.validate_on_submit():
        html = services.new_page_html(classroom, form.title.data, form.body.data)  # before any write

        def write():
            try:
                made = services.create_page(classroom, current_user, form.title.data, form.body.data, form.summary.data,
                                            html=html)
                return page_url(classroom.id, made.slug)
            except services.EmptyTitle:
                form.title.errors.append("Please use at least one letter or number in the title.")
            except services.TitleTaken as taken:
                form.title.errors.append(
                    f"A deleted page is called “{taken.page.title}”. A teacher can restore it, or you can choose another title."
                    if taken.page.deleted_at else
                    f"There is already a page called “{taken.page.title}”. Please choose another title, or edit that page.")
            return None

        saved = submissions.save_once(form, write, "Your page is ready.")
        if saved:
            return saved
    return render_template("wiki/create.html", classroom=classroom, form=form)


@bp.get("/<slug>")
@class_access("member")
def page(classroom: Classroom, slug: str):
    """A page: its text (rendered when saved) and what you can do with it. Fixed number of queries."""
    row = services.page_with_author(classroom, slug)
    if row is None:
        target = services.redirect_target(classroom, slug)
        if target is not None:
            return redirect(page_url(classroom.id, target.slug))
        guess = slug.replace("-", " ").capitalize()
        deleted = services.find_page(classroom, slug, deleted=True) if access.can_see_deleted_pages(is_teacher()) else None
        return render_template("wiki/missing.html", classroom=classroom, title=guess, deleted=deleted,
                               create_url=create_url(classroom.id, guess), confirm=ConfirmForm()), 404
    wiki_page, revision, author = row
    return render_template("wiki/page.html", classroom=classroom, page=wiki_page, revision=revision, author=author,
                           can_edit=can_edit(wiki_page), confirm=ConfirmForm())


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@class_access("member")
def edit(classroom: Classroom, slug: str):
    """Change a page. If someone saved meanwhile, merge; on overlapping changes, show both and save nothing."""
    page = live_page(classroom, slug)
    if request.method == "GET" and not can_edit(page):
        flash(LOCKED, "error")
        return redirect(page_url(classroom.id, page.slug))
    starting = {} if request.method == "POST" else {"body": page.source, "base_revision_id": page.current_revision_id}
    form = EditForm(draft=drafts.edit_place(page.id), **starting)
    if request.method == "POST" and not can_edit(page):
        writing.refuse(form, LOCKED)
        return render_template("wiki/edit.html", classroom=classroom, page=page, form=form), 409
    if form.validate_on_submit():
        mine = form.body.data
        conflict = {}

        def write(edit: services.PreparedEdit):
            result = services.write_edit(page, current_user, edit, form.summary.data)
            if result.stale:  # someone saved since it was prepared: nothing written, prepare again
                return None
            if result.conflict:  # nothing is saved, not even the form token: the next save counts
                conflict.update(theirs={"source": result.theirs.source, "id": result.theirs.id,
                                        "number": result.theirs.number,
                                        "author": result.theirs.author.display_name if result.theirs.author else "someone"},
                                text=result.conflict.text, conflicts=result.conflict.conflicts)
                return None
            who = (result.theirs.author.display_name if result.theirs and result.theirs.author else "Someone")
            if result.unchanged:
                flash("You did not change anything, so nothing was saved.", "info")
            elif result.merged:
                flash(f"{who} changed this page while you were writing. Your changes were in other places, "
                      "so we saved both. Please read the page to check it.", "success")
            else:
                flash("Your changes are saved.", "success")
            return page_url(classroom.id, page.slug)

        # Merge and render first, reading only; then write (see services.prepare_edit).
        for _attempt in range(3):
            edit = services.prepare_edit(page, form.base_id(), mine)
            saved = submissions.save_once(form, lambda edit=edit: write(edit))
            if saved or conflict:
                break
        if saved:
            return saved
        if not conflict:  # others saved between each try and its write (rare); the text is kept
            writing.refuse(form, "Other people are saving this page right now, so your changes are not saved yet. "
                                 "Please press “Save changes” again.")
            return render_template("wiki/edit.html", classroom=classroom, page=page, form=form), 409
        form.body.data, form.base_revision_id.data = conflict["text"], conflict["theirs"]["id"]
        return render_template("wiki/edit.html", classroom=classroom, page=page, form=form,
                               theirs=conflict["theirs"], mine=mine, conflicts=conflict["conflicts"]), 409
    return render_template("wiki/edit.html", classroom=classroom, page=page, form=form)


# -- history ------------------------------------------------------------------------------------

@bp.get("/<slug>/history")
@class_access("member")
def page_history(classroom: Classroom, slug: str):
    """Every version of the page, newest first, with choices to compare two; paginated."""
    page = live_page(classroom, slug)
    revisions, number, pages_ = history.history(page, request.args.get("page", 1, type=int))
    return render_template("wiki/history.html", classroom=classroom, page=page, revisions=revisions,
                           number=number, pages=pages_, can_edit=can_edit(page), confirm=ConfirmForm())


@bp.get("/<slug>/compare")
@class_access("member")
def compare(classroom: Classroom, slug: str):
    """The word-level changes between two versions (``?old=1&new=3``; by default the last change)."""
    page = live_page(classroom, slug)
    new = request.args.get("new", page.revision_number, type=int)
    old = request.args.get("old", new - 1, type=int)
    if old > new:
        old, new = new, old
    newer = history.get_revision(page, new)
    older = history.get_revision(page, old) if old >= 1 else None
    return render_template("wiki/compare.html", classroom=classroom, page=page, older=older, newer=newer,
                           diff=word_diff(older.source if older else "", newer.source))


@bp.get("/<slug>/versions/<int:number>")
@class_access("member")
def version(classroom: Classroom, slug: str, number: int):
    """An earlier version of the page, as it looked then."""
    page = live_page(classroom, slug)
    revision = history.get_revision(page, number)
    # Rendered when saved; a version saved before that (until `flask rerender` runs) is rendered here.
    html = revision.html or services.page_html(classroom.id, revision.source)
    return render_template("wiki/version.html", classroom=classroom, page=page, revision=revision, html=html,
                           can_edit=can_edit(page), confirm=ConfirmForm())


@bp.post("/<slug>/versions/<int:number>/revert")
@class_access("member")
def revert(classroom: Classroom, slug: str, number: int):
    """Go back to an earlier version: its text becomes a new version (nothing is erased)."""
    page = live_page(classroom, slug)
    revision = history.get_revision(page, number)
    if ConfirmForm().confirmed():
        if not can_edit(page):
            flash(LOCKED, "error")
        elif services.revert(page, revision, current_user):
            flash(f"The page is back to version {number}. This is saved as a new version, so nothing is lost.", "success")
        else:
            flash(f"The page already has the same text as version {number}.", "info")
    return redirect(page_url(classroom.id, page.slug))


@bp.get("/<slug>/links")
@class_access("member")
def links_here(classroom: Classroom, slug: str):
    """The pages that link to this page."""
    page = live_page(classroom, slug)
    return render_template("wiki/links.html", classroom=classroom, page=page, linking=history.links_here(page))


# -- renaming, talk -----------------------------------------------------------------------------

@bp.route("/<slug>/rename", methods=["GET", "POST"])
@class_access("member")
def rename(classroom: Classroom, slug: str):
    """Give a page a new title; the history stays and the old address still works."""
    page = live_page(classroom, slug)
    if not can_edit(page):
        if request.method == "GET" or ConfirmForm().confirmed():
            flash(LOCKED, "error")
        return redirect(page_url(classroom.id, page.slug))
    form = RenameForm(obj=page)
    if form.validate_on_submit():
        try:
            changed = services.rename(page, form.title.data, current_user)
        except services.EmptyTitle:
            form.title.errors.append("Please use at least one letter or number in the title.")
        except services.TitleTaken as taken:
            form.title.errors.append(f"There is already a page called “{taken.page.title}”"
                                     f"{' (deleted)' if taken.page.deleted_at else ''}. Please choose another title.")
        else:
            flash("The page has its new title. Old links still work." if changed else "The title is the same as before.",
                  "success")
            return redirect(page_url(classroom.id, page.slug))
    return render_template("wiki/rename.html", classroom=classroom, page=page, form=form)


@bp.route("/<slug>/talk", methods=["GET", "POST"])
@class_access("member")
def talk_page(classroom: Classroom, slug: str):
    """Go to the page's talk thread in the forum; the first visit offers to start it."""
    page = live_page(classroom, slug)
    thread = talk.talk_thread(page)
    if thread is None and request.method == "POST" and ConfirmForm().confirmed():
        thread = talk.start_talk(page, current_user)
        if thread is None:
            flash("This class has no open forum, so the talk page cannot start. Please ask your teacher.", "error")
            return redirect(page_url(classroom.id, page.slug))
        flash("The talk page has started. Write your question or idea as a reply.", "success")
    if thread is not None:
        return redirect(url_for("forum.thread", class_id=classroom.id, thread_id=thread.id))
    if request.method == "POST":
        return redirect(url_for(".talk_page", class_id=classroom.id, slug=page.slug))
    return render_template("wiki/talk.html", classroom=classroom, page=page, confirm=ConfirmForm())


# -- teachers ---------------------------------------------------------------------------------

@bp.post("/<slug>/delete")
@class_access("teacher")
def delete(classroom: Classroom, slug: str):
    """Delete a page (it can be restored from the list of deleted pages)."""
    page = live_page(classroom, slug)
    if ConfirmForm().confirmed():
        services.set_deleted(page, True)
        flash(f"The page “{page.title}” is deleted. You can restore it from the list of deleted services.", "success")
        return redirect(url_for(".index", class_id=classroom.id))
    return redirect(page_url(classroom.id, page.slug))


@bp.post("/<slug>/restore")
@class_access("teacher")
def restore(classroom: Classroom, slug: str):
    """Bring back a deleted page with all its history."""
    page = services.get_page(classroom, slug, deleted=True)
    if ConfirmForm().confirmed():
        if page.deleted_at is None:
            flash("This page is not deleted.", "info")
        else:
            services.set_deleted(page, False)
            flash(f"The page “{page.title}” is back.", "success")
        return redirect(page_url(classroom.id, page.slug))
    return redirect(url_for(".deleted", class_id=classroom.id))


@bp.post("/<slug>/lock")
@class_access("teacher")
def lock(classroom: Classroom, slug: str):
    """Lock a page so only teachers edit it (``locked=1``), or unlock it (``locked=0``)."""
    page = live_page(classroom, slug)
    if ConfirmForm().confirmed():
        locked = request.form.get("locked", "1") == "1"
        services.set_locked(page, locked)
        flash("The page is locked: only teachers can change it." if locked else "The page is unlocked: everyone in the class can change it.",
              "success")
    return redirect(page_url(classroom.id, page.slug))
