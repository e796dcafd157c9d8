"""Every page of the app, as every role, on a class in full swing (issue 13.1).

The route walk (``tests/test_access.py``) proves the access rules on an almost empty class;
this proves the pages work with real data: several students and threads, read marks on
several threads, prompts in every state, reflections in every state, wiki history,
notifications and reports (``tests/activity.py``). Every GET route of the app is visited
as a site admin, a teacher, a co-teacher, a student who posted, a student who did not, a
student of another class and a visitor who is logged out, with each value worth visiting
for each URL argument, and fails on any server error. The data is built once per database.
"""
from __future__ import annotations

import traceback

import pytest

from tests.activity import Activity
from tests.conftest import login
from tests.routes import RULES, access_of, arguments_of, url_of

GET_ENDPOINTS = sorted({endpoint for endpoint, method, _ in RULES if method == "GET"})

#: Query strings that change what a page shows, visited too (with the URL's first values).
QUERIES: dict[str, list[dict]] = {
    "forum.forum": [{"page": 2}, {"page": 999}],
    "forum.thread": [{"page": 2}, {"page": 999}],
    "forum.reply": [{"quote": 1}],
    "search.results": [{"q": "weekend"}, {"q": "Classmate"}, {"q": "Sam Student"}, {"q": "a"}, {"q": "music"},
                       {"q": "weekend", "page": 2}, {"q": "weekend", "order": "newest"}, {"q": "weekand"}],
    "wiki.compare": [{"old": 1, "new": 3}, {"old": 9, "new": 1}],
    "wiki.page_history": [{"page": 2}],
    "wiki.changes": [{"page": 2}],
    "wiki.create": [{"title": "A page from a link"}],
    "prompts.participation": [{"sort": s} for s in ("words", "replies", "activity", "met")],
    "grading.queue": [{"show": "needs-grading"}],
    "grading.prompt_queue": [{"show": "needs-grading"}],
    "auth.login": [{"next": "/notifications"}],
}

#: The access levels each role may reach: every page of these levels must answer at least once.
REACHES = {
    "site admin": {"public", "user", "member", "teacher", "admin"},
    "teacher": {"public", "user", "member", "teacher"},
    "co-teacher": {"public", "user", "member", "teacher"},
    "student who posted": {"public", "user", "member"},
    "student who did not": {"public", "user", "member"},
    "student of another class": {"public", "user"},
    "logged out": {"public"},
}


@pytest.fixture(scope="module")
def activity(module_app):
    return Activity()


def pages(app, values: dict[str, list]) -> list[tuple[str, str]]:
    """(endpoint, URL) of every GET page: with each argument's first value, then with each
    other value of one argument at a time, then with the query strings of ``QUERIES``."""
    found = []
    for endpoint in GET_ENDPOINTS:
        arguments = sorted(arguments_of(endpoint, app))
        missing = [a for a in arguments if a not in values]
        assert not missing, f"add values for {missing} to tests/activity.py (Activity.values)"
        first = {a: values[a][0] for a in arguments}
        urls = [url_of(app, endpoint, first)]
        for argument in arguments:
            urls += [url_of(app, endpoint, {**first, argument: value}) for value in values[argument][1:]]
        for query in QUERIES.get(endpoint, []):
            urls.append(url_of(app, endpoint, {**first, **query}))
        found += [(endpoint, url) for url in dict.fromkeys(urls)]
    return found


def test_queries_name_existing_pages():
    assert set(QUERIES) <= set(GET_ENDPOINTS)


@pytest.mark.parametrize("role", list(REACHES))
def test_every_page_answers_without_a_server_error(module_app, activity, role):
    person = activity.people()[role]
    client = login(module_app.test_client(), person) if person is not None else module_app.test_client()
    failures, answered = [], set()
    for endpoint, url in pages(module_app, activity.values_for(person)):
        try:
            response = client.get(url)
        except Exception:  # the app propagates exceptions in tests: report them all at the end
            failures.append(f"GET {url}: {traceback.format_exc(limit=-3)}")
            continue
        body = response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""  # not a recording or a zip
        if response.status_code >= 500 or "Traceback (most recent call last)" in body:
            failures.append(f"GET {url}: {response.status_code}")
        elif response.status_code < 400:
            answered.add(endpoint)
    assert not failures, f"{len(failures)} pages failed for the {role}:\n" + "\n".join(failures)
    # The data is rich enough that every page this role may open shows something.
    never = [e for e in GET_ENDPOINTS if access_of(e, module_app) in REACHES[role] and e not in answered
             and not (e == "forum.open_notification" and role == "site admin")  # no class, no notification
             # only the writer of a text (and teachers) see its corrections, and this student wrote nothing
             and not (e in ("corrections.post_page", "corrections.reflection_page") and role == "student who did not")]
    assert not never, f"as the {role}, these pages never answered below 400 (add data to tests/activity.py): {never}"
