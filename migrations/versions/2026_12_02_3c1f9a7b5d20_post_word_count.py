"""post word count: each post keeps the number of words in its text; ix_post_author_thread

Revision ID: 3c1f9a7b5d20
Revises: 8dd5924a79f0
Create Date: 2026-12-02 04:40:00

Participation, checklists and the gradebook read every post's whole text to count its
words on every view; the count is now kept with the post when it is written. The
column is filled here for existing posts, 1,000 at a time, with the app's own counter
(``app.content.count_words``: the one the editor and the checklist use).

``ix_post_author_thread`` answers "has this student written in this thread?" with one
probe (the teacher's class home counts students with no first post yet); it replaces
``ix_post_author_id``, which it starts with.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3c1f9a7b5d20'
down_revision = '8dd5924a79f0'
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade():
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('word_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index('ix_post_author_thread', ['author_id', 'thread_id', 'depth'], unique=False)
        batch_op.drop_index('ix_post_author_id')  # the new index starts with author_id

    from app.content import count_words

    connection = op.get_bind()
    post = sa.table('post', sa.column('id', sa.Integer), sa.column('source', sa.Text),
                    sa.column('word_count', sa.Integer))
    last = 0
    while True:
        rows = connection.execute(sa.select(post.c.id, post.c.source).where(post.c.id > last)
                                  .order_by(post.c.id).limit(BATCH)).all()
        if not rows:
            break
        counted = [{"post_id": i, "words": count_words(source or "")} for i, source in rows if source]
        if counted:
            connection.execute(post.update().where(post.c.id == sa.bindparam("post_id"))
                               .values(word_count=sa.bindparam("words")), counted)
        last = rows[-1][0]


def downgrade():
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.create_index('ix_post_author_id', ['author_id'], unique=False)
        batch_op.drop_index('ix_post_author_thread')
        batch_op.drop_column('word_count')
