"""One unit of work per request (app/unit_of_work.py) and the write-view skeleton
(app/submissions.py ``save_once``), on both databases.

Test views are added to a fresh app: each writes a user, then answers in a
different way; the test then looks at what the database kept.
"""
from __future__ import annotations

from flask import abort, redirect
from sqlalchemy import func, select

from app import submissions, unit_of_work
from app.auth.models import User
from app.auth.services import register_user
from app.extensions import db
from app.submissions import Submission
from tests.conftest import login


def _write(name: str) -> None:
    register_user(f"{name}@example.com", name, "correct horse battery")


def _kept(name: str) -> bool:
    return db.session.scalar(select(func.count()).select_from(User).where(User.email == f"{name}@example.com")) == 1


def _app_with_views(app_factory):
    app = app_factory()

    @app.get("/t/ok")
    def ok():
        _write("ok")
        return "fine"

    @app.get("/t/redirect")
    def moved():
        _write("moved")
        return redirect("/")

    @app.get("/t/conflict")
    def conflict():
        _write("conflict")
        return "refused", 409

    @app.get("/t/missing")
    def missing():
        _write("missing")
        abort(404)

    @app.get("/t/broken")
    def broken():
        _write("broken")
        raise RuntimeError("a bug")

    @app.get("/t/discarded")
    def discarded():
        _write("discarded")
        unit_of_work.discard()
        return "shown again"

    for view in (ok, moved, conflict, missing, broken, discarded):
        view.access = "public"
    return app


def test_a_request_commits_once_when_it_answers_without_error(app_factory):
    app = _app_with_views(app_factory)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    answers = {path: client.get(f"/t/{path}").status_code
               for path in ("ok", "redirect", "conflict", "missing", "broken", "discarded")}
    assert answers == {"ok": 200, "redirect": 302, "conflict": 409, "missing": 404, "broken": 500, "discarded": 200}
    db.session.remove()
    assert _kept("ok") and _kept("moved")
    assert not any(_kept(name) for name in ("conflict", "missing", "broken", "discarded"))


class _Form:
    """What ``save_once`` needs of a form: its one-time token."""

    def __init__(self, token: str):
        self.form_token = type("Field", (), {"data": token})()


def test_save_once_claims_after_other_writes_and_answers_a_repeat_like_the_first(app_factory, make_user):
    app = app_factory()
    user = make_user("Writer")
    made = []

    @app.post("/t/save")
    def save():
        _write(f"before{len(made)}")  # a write before the claim: kept with the rest

        def write():
            made.append(1)
            _write(f"saved{len(made)}")
            return f"/done/{len(made)}"

        return submissions.save_once(_Form("token-1"), write, "Saved.")

    save.access = "public"
    client = login(app.test_client(), user)
    first, second = client.post("/t/save"), client.post("/t/save")
    assert first.location == second.location == "/done/1"
    assert made == [1]  # the repeat did not write again
    db.session.remove()
    assert _kept("before0") and _kept("saved1") and _kept("before1")
    assert db.session.get(Submission, "token-1").result_url == "/done/1"


def test_save_once_discards_a_refused_write_so_the_next_try_counts(app_factory, make_user):
    app = app_factory()
    user = make_user("Writer")
    tries = []

    @app.post("/t/try")
    def try_once():
        def write():
            tries.append(1)
            _write(f"try{len(tries)}")
            return None if len(tries) == 1 else "/saved"

        return submissions.save_once(_Form("token-2"), write) or ("the form again", 200)

    try_once.access = "public"
    client = login(app.test_client(), user)
    assert client.post("/t/try").status_code == 200
    assert client.post("/t/try").location == "/saved"
    db.session.remove()
    assert not _kept("try1") and _kept("try2")


def test_on_error_work_is_kept_alone_after_an_error_answer_and_only_then(app_factory):
    """``on_error`` (a failed save's text kept as a draft): runs after the rollback of an error
    answer or an exception, in its own transaction; not on success; its own failure is only logged."""
    app = app_factory(PROPAGATE_EXCEPTIONS=False)

    def view(name, answer):
        def run():
            _write(name)
            unit_of_work.on_error(lambda: _write(f"{name}-kept"))
            if answer == "raise":
                raise RuntimeError("a bug")
            return answer
        run.__name__ = name
        run.access = "public"
        app.get(f"/t/{name}")(run)

    view("fine", "ok")
    view("refused", ("refused", 409))
    view("broken", "raise")

    @app.get("/t/doubly-broken")
    def doubly_broken():
        unit_of_work.on_error(lambda: 1 / 0)
        unit_of_work.on_error(lambda: _write("after-a-failed-one"))
        return "refused", 409

    doubly_broken.access = "public"
    client = app.test_client()
    assert [client.get(f"/t/{n}").status_code for n in ("fine", "refused", "broken", "doubly-broken")] == [200, 409, 500, 409]
    db.session.remove()
    assert _kept("fine") and not _kept("fine-kept")
    assert not _kept("refused") and _kept("refused-kept")
    assert not _kept("broken") and _kept("broken-kept")
    assert _kept("after-a-failed-one")


def test_on_error_work_is_kept_when_the_commit_itself_fails(app_factory):
    """A full disk or a lost database shows at the commit, after the view answered: the answer
    becomes the error page, and the work registered with ``on_error`` runs then."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    app = app_factory(PROPAGATE_EXCEPTIONS=False)

    @app.post("/t/save")
    def save():
        _write("saved")
        unit_of_work.on_error(lambda: _write("kept-instead"))
        return redirect("/")

    save.access = "public"
    failed = []

    def fail_first_commit(session):
        if not failed:
            failed.append(1)
            raise RuntimeError("disk full")

    event.listen(Session, "before_commit", fail_first_commit)
    try:
        assert app.test_client().post("/t/save").status_code == 500
    finally:
        event.remove(Session, "before_commit", fail_first_commit)
    db.session.remove()
    assert failed and not _kept("saved") and _kept("kept-instead")
