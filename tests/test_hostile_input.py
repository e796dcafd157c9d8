"""Bad input gets a clear answer, never a 500 (issue 13.4), on every route and every form.

The routes come from ``app.url_map`` and the forms from the pages themselves, so a new
route, form or field is covered without anyone adding it here:

- every page is opened as a visitor, a student and the teacher with hostile query
  arguments (ids and page numbers past the database's integers, NUL characters);
- every form on it is sent with a NUL in each text field: the answer is not a 5xx, and
  when the form comes back its text is there (without the NUL); nothing stored holds a NUL;
- every form is sent with numbers past the database's integers in its number, hidden,
  choice and radio fields: not a 5xx;
- every address with an id is opened with ids of 2^31 and more: 404.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from flask import url_for
from sqlalchemy import String, Text, func, select
from werkzeug.datastructures import MultiDict
from werkzeug.routing import IntegerConverter

from app.extensions import db
from app.inputs import MAX_INT
from tests.forms import Form, forms_of
from tests.forum.factories import start
from tests.routes import RULES, access_of
from tests.test_access import build_url, sample_values

GET_ENDPOINTS = sorted({endpoint for endpoint, method, _ in RULES if method == "GET"})
HUGE = [str(MAX_INT + 1), str(2**63), "1" + "0" * 30]
HOSTILE_QUERY = ("page=2147483648&old=9223372036854775808&new=2147483648&number=2147483648&go=2147483648"
                 "&q=ab%00cd&title=Kept%00+title&quote=%00&sort=%00&show=%00&next=/a%00b")


def _clients(app, world, login_as, endpoint):
    clients = {"visitor": app.test_client()}
    if access_of(endpoint, app) != "public":
        clients = {}
    clients.update(student=login_as(world.student), teacher=login_as(world.teacher))
    return clients


def _marker(i: int) -> str:
    return f"Kept words {i}"


def _send(client, url: str, form: Form, values):
    target, values = urljoin(url, form.action or url), MultiDict(values)
    if form.method == "get":
        return client.get(target, query_string=values)
    return client.post(target, data=values)


def _send_with_nul(client, url: str, form: Form) -> list[str]:
    """Each text field gets words with a NUL inside; the words must come back if the form does."""
    texts = [f for f in form.fields if f.is_text]
    if not texts:
        return []
    replace = {f.name: (_marker(i)[:6] + "\x00" + _marker(i)[6:] if f.kind != "password" else "correct\x00 horse battery")
               for i, f in enumerate(texts)}
    response = _send(client, url, form, form.values(**replace))
    where = f"{form.method.upper()} {form.action or url} with NUL"
    if response.status_code >= 500:
        return [f"{where}: {response.status_code}"]
    if 300 <= response.status_code < 400 or response.status_code == 404:
        return []
    page = response.get_data(as_text=True)
    return [f"{where}: the text of {f.name!r} did not come back ({response.status_code})"
            for i, f in enumerate(texts) if f.kind not in ("password", "hidden") and _marker(i) not in page]


def _send_with_huge_numbers(client, url: str, form: Form) -> list[str]:
    numeric = [f for f in form.fields if f.kind in ("number", "select", "radio", "hidden")
               and (f.kind == "number" or re.fullmatch(r"\d+", f.value or (f.options[0] if f.options else "")))]
    problems = []
    for huge in HUGE if numeric else ():
        response = _send(client, url, form, form.values(**{f.name: huge for f in numeric}))
        if response.status_code >= 500:
            problems.append(f"{form.method.upper()} {form.action or url} with {huge}: {response.status_code}")
    return problems


@pytest.mark.parametrize("endpoint", GET_ENDPOINTS)
def test_every_page_and_form_takes_hostile_input(app, world, login_as, backend, endpoint):
    url = build_url(app, world, endpoint)
    problems: list[str] = []
    for role, client in _clients(app, world, login_as, endpoint).items():
        hostile = client.get(f"{url}{'&' if '?' in url else '?'}{HOSTILE_QUERY}")
        if hostile.status_code >= 500:
            problems.append(f"{role}: GET {url}?… {hostile.status_code}")
        page = client.get(url)
        if page.status_code != 200 or not page.mimetype.startswith("text/html"):
            continue  # no forms in a recording or a download
        for form in forms_of(page.get_data(as_text=True)):
            problems += [f"{role}: {p}" for p in _send_with_nul(client, url, form) + _send_with_huge_numbers(client, url, form)]
    assert not problems, "\n".join(problems)
    assert _stored_nul() == []


def _stored_nul() -> list[str]:
    """Every text column that holds a NUL somewhere (SQLite would store one; PostgreSQL cannot)."""
    if db.engine.dialect.name != "sqlite":
        return []
    db.session.expire_all()
    return [f"{table.name}.{column.name}" for table in db.metadata.sorted_tables for column in table.columns
            if isinstance(column.type, String | Text)
            and db.session.scalar(select(func.count()).where(func.instr(column, func.char(0)) > 0))]


INT_RULES = sorted({(endpoint, method) for endpoint, method, rule in RULES if "<int:" in rule})


def test_an_id_past_the_database_integers_is_not_found(app, world, login_as):
    """Every address with an id, every method, each id in turn: 2^31, 2^63 and 10^30 are 404."""
    values = sample_values(world)
    clients = {"admin": login_as(world.admin), "teacher": login_as(world.teacher)}
    answers = {}
    for endpoint, method in INT_RULES:
        rule = next(app.url_map.iter_rules(endpoint))
        client = clients["admin" if access_of(endpoint, app) == "admin" else "teacher"]
        for argument in (a for a in rule.arguments if isinstance(rule._converters[a], IntegerConverter)):
            with app.test_request_context():
                url = url_for(endpoint, **{**{a: values[a] for a in rule.arguments}, argument: MAX_INT})
            for huge in HUGE:
                wrong = url.replace(str(MAX_INT), huge)
                answers[f"{method} {wrong}"] = client.open(wrong, method=method, data={}).status_code
    assert len(answers) > 100
    assert {url: code for url, code in answers.items() if code != 404} == {}


def test_the_largest_id_the_database_holds_is_still_looked_up(app, world, login_as):
    response = login_as(world.teacher).get(f"/classes/{MAX_INT}/")
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


@pytest.mark.parametrize(("path", "body"), [
    ("/account/\xff\xfe", None),  # the path as a WSGI server passes it on: bytes as Latin-1
    ("/account/login?next=%C3%28", None),
    ("/account/login", b"email=%FF%FE%40example.com&password=x"),
    ("/account/login", b"email=\xff\xfe@example.com&password=x"),
])
def test_invalid_utf8_is_a_bad_request(client, path, body):
    if body is None:
        path, _, query = path.partition("?")
        response = client.get("/", query_string=query, environ_overrides={"PATH_INFO": path})
    else:
        response = client.post(path, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and "Something went wrong with this request" in response.get_data(as_text=True)


def test_an_address_with_nul_is_not_found(app, world, login_as):
    client = login_as(world.student)
    for path in (f"/classes/{world.classroom.id}/wiki/ho%00me", f"/classes/{world.classroom.id}/wiki/home%00/history"):
        assert client.get(path).status_code == 404


def test_nul_is_taken_out_of_what_is_typed_and_the_rest_is_kept(app, world, login_as):
    from app.auth.models import User

    client = login_as(world.student)
    assert client.post("/account/name", data={"display_name": "Sam\x00 Student\x00"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, world.student.id).display_name == "Sam Student"
    start(world.classroom, world.teacher, "Sample thread")
    page = client.get(f"/classes/{world.classroom.id}/search?q=sample%00+thread").get_data(as_text=True)
    assert 'value="sample thread"' in page and "<mark>Sample</mark> <mark>thread</mark>" in page


def test_a_nul_in_the_browser_name_does_not_stop_a_login(app, world):
    from tests.conftest import PASSWORD

    response = app.test_client().post("/account/login", data={"email": world.student.email, "password": PASSWORD},
                                      headers={"User-Agent": "Phone\x00Browser"})
    assert response.status_code == 302


def test_numbers_in_query_arguments_stay_in_range(app):
    from app.inputs import CleanMultiDict

    args = CleanMultiDict([("page", "2147483648"), ("old", "-5"), ("new", "12"), ("x", "a\x00b")])
    assert args.get("page", 1, type=int) == 1 and args.get("old", type=int) == -5 and args.get("new", type=int) == 12
    assert args.get("missing", 7, type=int) == 7 and args["x"] == "ab" and args.get("x", type=str) == "ab"
