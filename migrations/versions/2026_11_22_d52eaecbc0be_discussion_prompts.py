"""discussion prompts: prompts (a forum each), their topics (a thread each),
and per-student extensions of the closing time.

Revision ID: d52eaecbc0be
Revises: 299c8884eddc
Create Date: 2026-11-22 22:02:09.889491

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd52eaecbc0be'
down_revision = '299c8884eddc'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('prompt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('instructions_source', sa.Text(), nullable=False),
    sa.Column('instructions_html', sa.Text(), nullable=False),
    sa.Column('starters', sa.Text(), nullable=False),
    sa.Column('time_zone', sa.String(length=50), nullable=False),
    sa.Column('opens_at', sa.DateTime(), nullable=True),
    sa.Column('closes_at', sa.DateTime(), nullable=True),
    sa.Column('min_words_first', sa.Integer(), nullable=False),
    sa.Column('replies_required', sa.Integer(), nullable=False),
    sa.Column('min_words_reply', sa.Integer(), nullable=False),
    sa.Column('first_post_due', sa.DateTime(), nullable=True),
    sa.Column('replies_due', sa.DateTime(), nullable=True),
    sa.Column('post_first', sa.Boolean(), nullable=False),
    sa.Column('names_hidden', sa.Boolean(), nullable=False),
    sa.Column('one_topic', sa.Boolean(), nullable=False),
    sa.Column('chat_at', sa.DateTime(), nullable=True),
    sa.Column('chat_minutes', sa.Integer(), nullable=False),
    sa.Column('chat_url', sa.String(length=500), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_prompt_author_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_prompt_classroom_id_classroom'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['forum_id'], ['forum.id'], name=op.f('fk_prompt_forum_id_forum'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prompt'))
    )
    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prompt_classroom_id'), ['classroom_id'], unique=False)

    op.create_table('extension',
    sa.Column('prompt_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('closes_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['prompt_id'], ['prompt.id'], name=op.f('fk_extension_prompt_id_prompt'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_extension_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('prompt_id', 'user_id', name=op.f('pk_extension'))
    )
    op.create_table('topic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prompt_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['prompt_id'], ['prompt.id'], name=op.f('fk_topic_prompt_id_prompt'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thread_id'], ['thread.id'], name=op.f('fk_topic_thread_id_thread'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic')),
    sa.UniqueConstraint('thread_id', name=op.f('uq_topic_thread_id'))
    )
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topic_prompt_id'), ['prompt_id'], unique=False)



def downgrade():
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topic_prompt_id'))

    op.drop_table('topic')
    op.drop_table('extension')
    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prompt_classroom_id'))

    op.drop_table('prompt')
