"""Migrations build the schema the models describe, on SQLite and PostgreSQL."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from app import create_app
from app.extensions import db
from app.search.schema import described_by_models
from tests.conftest import TEST_DATABASE_URL

SCHEMA = "migration_check"


def _app_for(backend, tmp_path):
    if backend == "sqlite":
        return create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrated.db'}"})
    engine = create_engine(TEST_DATABASE_URL)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        # pg_trgm (search) goes to the first schema of the path: keep it in public, where the
        # other tests' tables find it, rather than in this schema that is dropped.
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    engine.dispose()
    return create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL,
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={SCHEMA},public"}},
        }
    )


def test_upgrade_from_empty_matches_the_models(backend, tmp_path):
    app = _app_for(backend, tmp_path)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": described_by_models}), db.metadata)
        assert diff == [], f"models and migrations differ; run `flask --app wsgi db migrate`: {diff}"
        downgrade(revision="base")
        with db.engine.connect() as conn:
            schema = SCHEMA if backend == "postgresql" else None
            assert set(inspect(conn).get_table_names(schema=schema)) <= {"alembic_version"}
        db.engine.dispose()


def test_existing_posts_get_their_word_counts(backend, tmp_path):
    from app.forum.models import Post
    from tests.conftest import World
    from tests.forum.factories import start

    app = _app_for(backend, tmp_path)
    with app.app_context(), app.test_request_context():
        upgrade()
        world = World()
        _, first = start(world.classroom, world.teacher, text="I like **tea** in the morning.")
        db.session.remove()
        downgrade(revision="8dd5924a79f0")  # the posts were written before post.word_count
        upgrade()
        assert db.session.get(Post, first.id).word_count == 6
        db.session.remove()
        downgrade(revision="base")
        db.engine.dispose()
