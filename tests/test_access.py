"""Walk every route of the app as anonymous, outsider, student and teacher.

A route added without an access decorator, or with the wrong one, fails here.
Routes with new URL arguments need a sample value in ``SAMPLES``.
"""
from __future__ import annotations

import pytest

from app.extensions import db
from app.permissions import LEVELS
from tests.conftest import World
from tests.routes import RULES, access_of, snapshot, url_of


def test_every_view_declares_its_access():
    missing = [e for e, _, _ in RULES if access_of(e) not in LEVELS]
    assert not missing, f"add an access decorator from app.permissions to: {missing}"


def sample_values(world) -> dict:
    """A value for every URL argument, all inside ``world.classroom``."""
    from app.classes.services import membership_of

    return {
        "class_id": world.classroom.id,
        "membership_id": membership_of(world.student.id, world.classroom.id).id,
        "role": "teacher",
        "slug": "home", "number": 1,  # the wiki home page every class gets, and its first version
        **forum_samples(world),
        **prompt_samples(world),
        **reflection_samples(world),
        "student_id": world.student.id,  # grading one student: the student who has a reflection draft
        **draft_samples(world),
        **invitation_samples(world),
        **correction_samples(world),
        **media_samples(world),
        "token": reset_token(world),  # the reset form; the other one-time links answer "this link does not work"
        "unsubscribe_token": unsubscribe_token(world),  # the student's "stop reply e-mails" of the class
    }


def invitation_samples(world) -> dict:
    """A pending invitation to the class (its link's page, "Send again", "Cancel")."""
    if not hasattr(world, "invitation_samples"):
        from tests.invitations.factories import invitation_samples as make

        world.invitation_samples = make(world)
    return world.invitation_samples


def unsubscribe_token(world) -> str:
    from app.notify.unsubscribe import make_token

    return make_token(world.student.id, "reply", world.classroom.id)


def correction_samples(world) -> dict:
    """A correction of the student's sample reply and a class correction code."""
    if not hasattr(world, "correction_samples"):
        from tests.corrections.factories import correction_samples as make

        world.correction_samples = make(world)
    return world.correction_samples


def media_samples(world) -> dict:
    """A converted recording on the student's post of the forum samples."""
    if not hasattr(world, "media_samples"):
        from app.forum.models import Post
        from tests.media.factories import attach

        world.media_samples = {"media_key": attach(db.session.get(Post, forum_samples(world)["post_id"])).key}
    return world.media_samples


def draft_samples(world) -> dict:
    """A server draft of the student's (a reply to the thread's first post)."""
    if not hasattr(world, "draft_samples"):
        from tests.drafts.factories import draft_samples as make

        world.draft_samples = make(world, forum_samples(world))
    return world.draft_samples


#: The body a POST needs to do its work (others are sent empty): endpoint -> data from the sample values.
FORM_DATA = {
    "drafts.autosave": lambda values: {"key": f"reply-to-post-{values['post_id']}", "text": "I think so too."},
}


def reset_token(world) -> str:
    """A valid password reset link for the student (tests/mail test every kind of link)."""
    if not hasattr(world, "reset_token"):
        from app.auth import tokens
        from app.auth.models import TokenPurpose

        world.reset_token, _ = tokens.issue(world.student, TokenPurpose.RESET, email=world.student.email)
        db.session.commit()
    return world.reset_token


def prompt_samples(world) -> dict:
    """An open prompt with a post by the student."""
    if not hasattr(world, "prompt_samples"):
        from tests.prompts.factories import prompt_samples as make

        world.prompt_samples = make(world)
    return world.prompt_samples


def reflection_samples(world) -> dict:
    """An open reflection assignment with the student's draft, and a saved rubric."""
    if not hasattr(world, "reflection_samples"):
        from tests.reflections.factories import reflection_samples as make

        world.reflection_samples = make(world)
    return world.reflection_samples


def forum_samples(world) -> dict:
    """A thread with a reply by the student, a teacher's answer, a report and a notification."""
    if not hasattr(world, "forum_samples"):
        from tests.forum.factories import forum_world

        world.forum_samples = forum_world(world)
    return world.forum_samples


def build_url(app, world, endpoint):
    return url_of(app, endpoint, sample_values(world))


def form_data(world, endpoint) -> dict:
    return FORM_DATA[endpoint](sample_values(world)) if endpoint in FORM_DATA else {}


def fetch(client, method, url, data=None):
    return client.open(url, method=method, data=data or {})


@pytest.mark.parametrize(("endpoint", "method", "rule"), RULES, ids=[f"{m} {r}" for _, m, r in RULES])
def test_route_access(app, world, login_as, endpoint, method, rule):
    level = access_of(endpoint, app)
    url = build_url(app, world, endpoint)
    data = form_data(world, endpoint) if method == "POST" else {}

    anonymous = fetch(app.test_client(), method, url, data)
    if level == "public":
        assert anonymous.status_code < 400 or anonymous.status_code == 405
    else:
        assert anonymous.status_code == 302
        assert "/account/login?next=" in anonymous.headers["Location"]

    if level in ("member", "teacher", "admin"):
        assert fetch(login_as(world.outsider), method, url, data).status_code == 404

    student = fetch(login_as(world.student), method, url, data).status_code
    if level in ("teacher",):
        assert student == 403
    elif level == "admin":
        assert student == 404
    else:
        assert student < 400

    if level in ("member", "teacher"):
        assert fetch(login_as(world.teacher), method, url, data).status_code < 400
    if level == "admin":
        assert fetch(login_as(world.admin), method, url, data).status_code < 400


#: POST routes that take no CSRF token on purpose (``app.permissions.one_click``), with the reason.
CSRF_EXEMPT = {
    "notify.unsubscribe_page": "RFC 8058 one-click unsubscribe: a mail program posts it, with no cookie or form of ours",
}
POSTS = [(e, r) for e, m, r in RULES if m == "POST" and e not in CSRF_EXEMPT]


def test_only_the_listed_routes_skip_the_csrf_check():
    """A view marked ``one_click`` is listed here with its reason, and nothing else is marked."""
    from tests.routes import _app

    marked = {e for e, m, _ in RULES if m == "POST" and getattr(_app.view_functions[e], "csrf_exempt", False)}
    assert marked == set(CSRF_EXEMPT)


@pytest.mark.parametrize(("endpoint", "rule"), POSTS, ids=[r for _, r in POSTS])
def test_post_without_csrf_token_changes_nothing(app_factory, endpoint, rule):
    """Every POST checks the CSRF token and says so in plain words."""
    app = app_factory(WTF_CSRF_ENABLED=True)
    world = World()
    client = app.test_client()
    level = access_of(endpoint, app)
    if level != "public":
        # "user" routes act on one's own things (the sample draft is the student's)
        _login_with_csrf(client, {"admin": world.admin, "user": world.student}.get(level, world.teacher))
    url = build_url(app, world, endpoint)
    before = snapshot()
    response = client.post(url, data={}, follow_redirects=True)
    assert "press the button again" in response.get_data(as_text=True)
    assert snapshot() == before


def _login_with_csrf(client, user):
    import re

    from tests.conftest import PASSWORD

    page = client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302

