"""The app's routes, for tests that walk all of them (``tests/test_access.py``,
``tests/test_every_page.py``, ``tests/test_reading_rules.py``): a new route is walked
without anyone adding it."""
from __future__ import annotations

from flask import url_for

from app import create_app
from app.extensions import db

_app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})

#: (endpoint, method, rule) of every route but static files, GET and POST apart.
RULES = sorted(
    ((rule.endpoint, method, rule.rule) for rule in _app.url_map.iter_rules() if rule.endpoint != "static"
     for method in sorted(rule.methods - {"HEAD", "OPTIONS"})),
)


def access_of(endpoint: str, app=_app) -> str | None:
    """The access level the view declares (``app.permissions.LEVELS``), or None."""
    return getattr(app.view_functions[endpoint], "access", None)


def arguments_of(endpoint: str, app=_app) -> set[str]:
    """The URL arguments of the endpoint's rule."""
    return set(next(app.url_map.iter_rules(endpoint)).arguments)


def url_of(app, endpoint: str, values: dict, where: str = "tests/test_access.py::sample_values") -> str:
    """The endpoint's URL with its arguments taken from ``values``; fails naming what is missing."""
    rule = next(r for r in app.url_map.iter_rules(endpoint))
    missing = [a for a in rule.arguments if a not in values]
    assert not missing, f"add sample values for {missing} in {where}"
    with app.test_request_context():
        return url_for(endpoint, **{a: values[a] for a in rule.arguments})


def snapshot() -> dict[str, list[str]]:
    """Every row of every table (but sessions), to prove a request changed nothing."""
    db.session.expire_all()
    return {t.name: sorted(map(repr, db.session.execute(t.select()).all())) for t in db.metadata.sorted_tables
            if t.name != "login_session"}
