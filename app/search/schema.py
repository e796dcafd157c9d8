"""What the search index needs beyond the models' tables, per database (the migration
``2026_12_02_4f6c2b9e1d70_full_text_search`` holds the same statements).

PostgreSQL: a GIN index on ``DOCUMENT_TSVECTOR`` (the query uses the very same
expression, so the index serves it) and pg_trgm's GIN index on the vocabulary.
SQLite: FTS5 tables over the two tables (external content: they store only the
index), kept in step by triggers; the vocabulary's uses the trigram tokenizer.
The terms are made by the app (``app.search.words``), so both databases use the
``simple`` configuration / ``unicode61`` tokenizer on text that is already stemmed.
"""
from __future__ import annotations

from sqlalchemy import DDL

#: The document's tsvector: title terms weigh more (A) than the text's.
DOCUMENT_TSVECTOR = ("(setweight(to_tsvector('simple'::regconfig, search_document.title_terms), 'A'::\"char\")"
                     " || to_tsvector('simple'::regconfig, search_document.body_terms))")

POSTGRESQL_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"
POSTGRESQL_DOCUMENTS = [
    f"CREATE INDEX ix_search_document_tsvector ON search_document USING gin ({DOCUMENT_TSVECTOR})",
]
SQLITE_DOCUMENTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_terms, body_terms,"
    " content='search_document', content_rowid='id')",
    "CREATE TRIGGER search_document_added AFTER INSERT ON search_document BEGIN"
    " INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);"
    " END",
    "CREATE TRIGGER search_document_removed AFTER DELETE ON search_document BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)"
    " VALUES ('delete', old.id, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER search_document_changed AFTER UPDATE ON search_document BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)"
    " VALUES ('delete', old.id, old.title_terms, old.body_terms);"
    " INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);"
    " END",
]
SQLITE_WORDS = [
    "CREATE VIRTUAL TABLE search_word_fts USING fts5(word, content='search_word', content_rowid='id',"
    " tokenize='trigram')",
    "CREATE TRIGGER search_word_added AFTER INSERT ON search_word BEGIN"
    " INSERT INTO search_word_fts(rowid, word) VALUES (new.id, new.word); END",
    "CREATE TRIGGER search_word_removed AFTER DELETE ON search_word BEGIN"
    " INSERT INTO search_word_fts(search_word_fts, rowid, word) VALUES ('delete', old.id, old.word); END",
]
#: Tables and indexes the models do not describe (Alembic's comparison leaves them out).
SQLITE_TABLES = ("search_fts", "search_word_fts")
POSTGRESQL_INDEXES = ("ix_search_document_tsvector",)


def is_ours(name: str) -> bool:
    """A table FTS5 made (``search_fts``, its shadow tables ``search_fts_data``…) or the expression index."""
    return name in POSTGRESQL_INDEXES or any(name == t or name.startswith(t + "_") for t in SQLITE_TABLES)


def described_by_models(name, type_, parent_names) -> bool:
    """For Alembic's comparison (``include_name``): leave out what the models do not describe."""
    return not (type_ in ("table", "index") and is_ours(name))


def _run(statements: list[str], dialect: str):
    def run(target, connection, **kw) -> None:
        if connection.dialect.name == dialect:
            for statement in statements:
                connection.execute(DDL(statement))
    return run


before_words = _run([POSTGRESQL_EXTENSION], "postgresql")
_after_documents_pg = _run(POSTGRESQL_DOCUMENTS, "postgresql")
_after_documents_sqlite = _run(SQLITE_DOCUMENTS, "sqlite")
after_words = _run(SQLITE_WORDS, "sqlite")


def after_documents(target, connection, **kw) -> None:
    _after_documents_pg(target, connection, **kw)
    _after_documents_sqlite(target, connection, **kw)
