"""The shortcuts of ``tests/speedups.py`` give each test what the slow way gave it."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from app.extensions import db
from app.search.schema import described_by_models
from tests.conftest import World
from tests.speedups import empty_postgres, postgres_is_empty


def test_each_test_database_has_exactly_the_models_schema(app):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": described_by_models}), db.metadata)
    assert diff == []


def test_cached_url_builders_are_the_ones_werkzeug_compiles(app):
    uncached = type(next(app.url_map.iter_rules()))._compile_builder.__wrapped__
    for rule in app.url_map.iter_rules():
        for bound, append_unknown in ((rule._build, False), (rule._build_unknown, True)):
            assert bound.__self__ is rule
            fresh = uncached(rule, append_unknown)
            assert bound.__func__.__code__.co_code == fresh.__code__.co_code, rule.rule
            assert bound.__func__.__code__.co_consts == fresh.__code__.co_consts, rule.rule
            assert bound.__func__.__code__.co_varnames == fresh.__code__.co_varnames, rule.rule


def test_postgres_cleanup_empties_every_table_and_restarts_ids(app, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL cleanup only")
    first = World()
    db.session.commit()
    first_ids = (first.teacher.id, first.classroom.id)  # the previous test's cleanup restarted them too
    db.session.remove()
    empty_postgres(db.engine, db.metadata)
    assert postgres_is_empty(db.engine, db.metadata)
    again = World()
    db.session.commit()
    assert (again.teacher.id, again.classroom.id) == first_ids == (1, 1)
    with db.engine.connect() as conn:
        assert conn.execute(text('SELECT count(*) FROM "user"')).scalar() == 4
