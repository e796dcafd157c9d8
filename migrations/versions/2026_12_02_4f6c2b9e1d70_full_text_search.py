"""Full-text search (issue 18): the search index and the class vocabulary

- search_document: one row per post, wiki page and prompt, with plain text and its terms
  (app/search/words.py). PostgreSQL: a GIN index on its tsvector; SQLite: the FTS5 table
  search_fts kept in step by triggers.
- search_word: the words of each class, for "Did you mean". PostgreSQL: pg_trgm's GIN
  index (CREATE EXTENSION pg_trgm); SQLite: the FTS5 trigram table search_word_fts.

The index starts empty: run `flask --app wsgi search-reindex` after this migration.
The statements are the ones app/search/schema.py runs for create_all (copied: a
migration stays as it was written).

Revision ID: 4f6c2b9e1d70
Revises: 3c9e5a7d1f20
Create Date: 2026-12-02 04:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '4f6c2b9e1d70'
down_revision = '3c9e5a7d1f20'
branch_labels = None
depends_on = None

TSVECTOR = ("(setweight(to_tsvector('simple'::regconfig, search_document.title_terms), 'A'::\"char\")"
            " || to_tsvector('simple'::regconfig, search_document.body_terms))")
SQLITE = [
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
    "CREATE VIRTUAL TABLE search_word_fts USING fts5(word, content='search_word', content_rowid='id',"
    " tokenize='trigram')",
    "CREATE TRIGGER search_word_added AFTER INSERT ON search_word BEGIN"
    " INSERT INTO search_word_fts(rowid, word) VALUES (new.id, new.word); END",
    "CREATE TRIGGER search_word_removed AFTER DELETE ON search_word BEGIN"
    " INSERT INTO search_word_fts(search_word_fts, rowid, word) VALUES ('delete', old.id, old.word); END",
]


def upgrade():
    postgresql = op.get_bind().dialect.name == 'postgresql'
    if postgresql:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        'search_document',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('classroom_id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=True),
        sa.Column('page_id', sa.Integer(), nullable=True),
        sa.Column('prompt_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('title_terms', sa.Text(), nullable=False),
        sa.Column('body_terms', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['page_id'], ['wiki_page.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['post_id'], ['post.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['prompt_id'], ['prompt.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('page_id'),
        sa.UniqueConstraint('post_id'),
        sa.UniqueConstraint('prompt_id'),
    )
    op.create_index('ix_search_document_class_newest', 'search_document', ['classroom_id', 'created_at', 'id'])
    op.create_table(
        'search_word',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('classroom_id', sa.Integer(), nullable=False),
        sa.Column('word', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('classroom_id', 'word'),
    )
    op.create_index('ix_search_word_trigrams', 'search_word', ['word'], postgresql_using='gin',
                    postgresql_ops={'word': 'gin_trgm_ops'})
    if postgresql:
        op.execute(f"CREATE INDEX ix_search_document_tsvector ON search_document USING gin ({TSVECTOR})")
    else:
        for statement in SQLITE:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        op.execute("DROP TABLE search_word_fts")
        op.execute("DROP TABLE search_fts")
    op.drop_index('ix_search_word_trigrams', table_name='search_word')
    op.drop_table('search_word')
    op.drop_index('ix_search_document_class_newest', table_name='search_document')
    op.drop_table('search_document')
