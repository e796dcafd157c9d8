"""What makes a fresh app per test cheap, without sharing anything between tests.

Measured on the 2-core CI machine (issue 12, item 8), a test's own setup and teardown
cost about 0.25 s before any test code ran:

- ``create_app`` took ~90 ms, almost all of it Werkzeug generating and compiling the
  URL builder functions of ~95 routes (``Rule._compile_builder``: an ``ast`` tree and
  ``compile()`` per route, twice);
- ``db.create_all()`` on a fresh SQLite file took ~75 ms;
- ``TRUNCATE … RESTART IDENTITY CASCADE`` of the 27 PostgreSQL tables took ~130 ms
  (PostgreSQL gives every truncated table and index a new file);
- each new app's Jinja environment parsed and compiled every template it rendered
  again (a few ms per template; a route-walk test renders dozens).

The replacements below give each test exactly what it had before: a new app object
with its own config, engine and URL map, an empty database with every table, and
sequences that start again at 1.
"""
from __future__ import annotations

import functools
import shutil
from pathlib import Path

from jinja2 import BytecodeCache
from sqlalchemy import text
from werkzeug.routing import rules as werkzeug_rules


def cache_url_builders() -> None:
    """Compile each route's URL builder once per test run instead of once per app.

    The builder Werkzeug compiles is a plain function of ``(rule, *values)`` that reads
    the rule (its converters, ``_encode_query_vars``) through its first argument, and is
    then bound to one rule with ``__get__``. Its code depends only on the inputs in
    ``key`` below, so rules with equal keys get an identical function; each app still
    has its own ``Map`` and ``Rule`` objects. If a Werkzeug upgrade changes that method,
    this does nothing (tests are then just slower).
    """
    original = getattr(werkzeug_rules.Rule, "_compile_builder", None)
    if original is None or getattr(original, "cached_by_roundtable_tests", False):
        return
    built: dict = {}

    @functools.wraps(original)
    def _compile_builder(self, append_unknown: bool = True):
        defaults = self.defaults or {}
        # Defaults that appear in the rule are baked in through the rule's converter.
        baked = tuple((name, self._converters[name].to_url(defaults[name]))
                      for dynamic, name in self._trace if dynamic and name in defaults)
        key = (self.rule, tuple(self._trace), tuple(map(str, defaults)), baked, append_unknown)
        try:
            return built[key]
        except KeyError:
            function = built[key] = original(self, append_unknown)
            return function

    _compile_builder.cached_by_roundtable_tests = True
    werkzeug_rules.Rule._compile_builder = _compile_builder


class SharedTemplateCode(BytecodeCache):
    """Jinja's compiled template code, kept in memory for every test app of the run.

    Jinja stores one code object per template file and checks the source's checksum on
    each load, so an edited template is compiled again. Sharing is safe because every
    test app's Jinja environment is configured by the same ``create_app`` (same
    extensions, autoescaping and syntax); each app still has its own environment,
    globals and template cache.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class SqliteTemplate:
    """An empty SQLite database with every table, built once; each test gets a copy.

    Copying the 0.3 MB file takes ~0.3 ms instead of ~75 ms for ``create_all``. The
    copy is only used when the test's metadata still has exactly the template's tables
    (a model defined later falls back to ``create_all``).
    """

    def __init__(self, path: Path, metadata) -> None:
        self.path = path
        self.tables = frozenset(metadata.tables)

    @classmethod
    def build(cls, directory: Path, make_app) -> SqliteTemplate:
        from app.extensions import db

        path = directory / "template.db"
        app = make_app(f"sqlite:///{path}")
        with app.app_context():
            db.create_all()
            db.engine.dispose()  # the last connection closes: the WAL is checkpointed into the file
        for suffix in ("-wal", "-shm"):
            assert not Path(f"{path}{suffix}").exists(), "the template database is not self-contained"
        return cls(path, db.metadata)

    def copy_to(self, target: Path, metadata) -> bool:
        """Copy the template to ``target`` if it fits; False means run ``create_all``."""
        if target.exists() or frozenset(metadata.tables) != self.tables:
            return False
        shutil.copyfile(self.path, target)
        return True


def empty_postgres(engine, metadata) -> None:
    """Empty every table and restart every sequence, as ``TRUNCATE … RESTART IDENTITY``.

    ``DELETE`` is ~10× faster than ``TRUNCATE`` on tables that hold a few rows. Deleting
    children before parents needs no superuser rights (the schema has no foreign-key
    cycles: ``sorted_tables`` would warn). Sequences go back to their start value, so
    ids start at 1 in every test, as before. One round trip, one transaction.
    """
    deletes = [f'DELETE FROM "{table.name}"' for table in reversed(metadata.sorted_tables)]
    restart = ("SELECT setval(s.seqrelid, s.seqstart, false) FROM pg_sequence s"
               " JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relnamespace = 'public'::regnamespace")
    with engine.begin() as conn:
        conn.exec_driver_sql("; ".join([*deletes, restart]))


def postgres_is_empty(engine, metadata) -> bool:
    """True when no table has a row (a check for the cleanup above)."""
    union = " UNION ALL ".join(f'SELECT 1 FROM "{t.name}"' for t in metadata.sorted_tables)
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT NOT EXISTS ({union})")).scalar()
