"""The thread page's reading rules hold on every route that names a post, thread, forum,
prompt or reflection (issue 13.3).

Routes are taken from ``app.url_map`` by their URL arguments, so a new route is checked
without anyone adding it. For each one, a student of the class asks (GET and POST, with a
form that would be accepted) for what the thread page would not show them: a post a teacher
hid, a classmate's post in a "post first" topic they have not posted in, and the posts,
threads, forums, prompts and reflections of a prompt that is not open yet or still a draft.
The answer must be 404, and the database must not change.
"""
from __future__ import annotations

import pytest

from tests.activity import TEXT, Activity
from tests.conftest import login
from tests.routes import RULES, access_of, arguments_of, snapshot, url_of

#: URL arguments that name something the reading rules may hide.
READ_KEYS = {"post_id", "thread_id", "forum_id", "prompt_id", "assignment_id", "media_key"}
#: Other URL arguments of pages a student may open, and why the reading rules do not apply.
OTHER_KEYS = {
    "class_id": "the class itself: members only (tests/test_access.py)",
    "notification_id": "the user's own notification; opening it goes through the post's permalink",
    "slug": "wiki pages have no reading rules: every member reads every page",
    "number": "a version of a wiki page",
    "student_id": "a reflection's corrections: the student's own, or any student's for a teacher (the assignment's reading rules apply)",
    "correction_id": "a correction is loaded with its text through readable_post / readable_assignment (and only its writer answers it)",
    "draft_id": "the user's own draft (app.drafts.services.get_mine); the list leaves out places they cannot write",
}
#: A form every write route would accept, had it not refused.
FORM = {"body": TEXT, "reason": "Please look at this.", "title": "A title", "active": "1", "action": "hand_in",
        "undo": ""}

STUDENT_ROUTES = [(endpoint, method) for endpoint, method, _ in RULES if access_of(endpoint) in ("member", "user")]
READING_ROUTES = [(e, m) for e, m in STUDENT_ROUTES if arguments_of(e) & READ_KEYS]
#: What each kind of hiding hides (``Activity.hidden`` holds one of each).
HIDES = {"teacher hid it": {"post_id", "media_key"}, "post first": {"post_id", "media_key"}, "not open yet": READ_KEYS,
         "draft": READ_KEYS}


def test_every_argument_of_a_student_page_is_known():
    """A new kind of id in a student's URL must say whether the reading rules apply to it."""
    unknown = {a for e, _ in STUDENT_ROUTES for a in arguments_of(e)} - READ_KEYS - set(OTHER_KEYS)
    assert not unknown, f"add {sorted(unknown)} to READ_KEYS (and a hidden sample in tests/activity.py) or OTHER_KEYS"


def test_the_walk_covers_the_post_routes():
    endpoints = {e for e, _ in READING_ROUTES}
    assert {"forum.report", "forum.helpful", "forum.reply", "forum.edit", "forum.delete", "forum.permalink",
            "forum.thread", "grading.feedback", "reflections.write", "media.serve"} <= endpoints


@pytest.fixture(scope="module")
def activity(module_app):
    return Activity()


CASES = [(e, m, kind) for e, m in READING_ROUTES for kind, keys in HIDES.items() if arguments_of(e) & keys]


@pytest.mark.parametrize(("endpoint", "method", "kind"), CASES, ids=[f"{m} {e} {k}" for e, m, k in CASES])
def test_what_the_thread_page_would_not_show_is_not_found(module_app, activity, endpoint, method, kind):
    hidden = activity.hidden[kind]
    assert set(hidden) == HIDES[kind]
    values = {**{a: v[0] for a, v in activity.values_for(activity.quiet).items()}, **hidden}
    url = url_of(module_app, endpoint, values, where="tests/activity.py (Activity.values)")
    client = login(module_app.test_client(), activity.quiet)
    before = snapshot()
    response = client.open(url, method=method, data=FORM)
    assert response.status_code == 404, f"{method} {url} ({kind}) answered {response.status_code}"
    assert snapshot() == before


def _all_results(client, classroom_id: int, q: str) -> tuple[list[int], str]:
    """Every post id a search finds (all its pages), and the results' HTML (without the query)."""
    import re

    from tests.search.factories import RESULTS

    found, pages, page = [], "", 1
    while True:
        html = client.get(f"/classes/{classroom_id}/search", query_string={"q": q, "page": page}).get_data(as_text=True)
        pages += RESULTS.search(html).group(1).split("</h2>", 1)[1]
        found += [int(n) for n in re.findall(r'href="/classes/\d+/posts/(\d+)"', html)]
        if 'rel="next"' not in html:
            return found, pages
        page += 1


@pytest.mark.parametrize("kind", list(HIDES))
def test_search_never_shows_what_the_thread_page_would_not(module_app, activity, kind):
    """Search results (and their snippets) leave out every post the reading rules hide."""
    from app.extensions import db
    from app.forum.models import Post, Thread
    from app.search.snippets import plain_text

    post_id = activity.hidden[kind]["post_id"]
    with module_app.app_context():
        post = db.session.get(Post, post_id)
        text, title = plain_text(post.html), db.session.get(Thread, post.thread_id).title
        class_id = post.classroom_id
    client = login(module_app.test_client(), activity.quiet)
    found, pages = _all_results(client, class_id, text)
    assert post_id not in found, f"search shows the post ({kind})"
    assert text not in pages, f"search shows the post's text ({kind})"
    if kind in ("not open yet", "draft"):
        assert post_id not in _all_results(client, class_id, title)[0]
        assert title not in _all_results(client, class_id, title)[1]
    teacher = login(module_app.test_client(), activity.teacher)
    assert post_id in _all_results(teacher, class_id, text)[0], "the teacher finds it: the search itself works"
