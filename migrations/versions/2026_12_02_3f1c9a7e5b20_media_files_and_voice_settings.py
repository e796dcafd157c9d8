"""media files (voice recordings of posts) and a discussion's speaking settings

Revision ID: 3f1c9a7e5b20
Revises: 3c9f2a7d1e45
Create Date: 2026-12-02 04:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3f1c9a7e5b20'
down_revision = '3c9f2a7d1e45'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'media_file',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('classroom_id', sa.Integer(), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('source_format', sa.String(length=20), nullable=False),
        sa.Column('stored', sa.String(length=200), nullable=False),
        sa.Column('mime', sa.String(length=50), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('duration', sa.Double(), nullable=True),
        sa.Column('max_seconds', sa.Integer(), nullable=False),
        sa.Column('transcript', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_media_file_classroom_id_classroom'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_media_file_owner_id_user'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_media_file_post_id_post'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_media_file')),
        sa.UniqueConstraint('key', name=op.f('uq_media_file_key')),
    )
    with op.batch_alter_table('media_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_media_file_classroom_id'), ['classroom_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_media_file_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_media_file_post_id'), ['post_id'], unique=False)
    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('min_voice_seconds', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('voice_seconds_max', sa.Integer(), nullable=False, server_default='180'))
        batch_op.add_column(sa.Column('transcript_required', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.alter_column('min_voice_seconds', server_default=None)
        batch_op.alter_column('voice_seconds_max', server_default=None)
        batch_op.alter_column('transcript_required', server_default=None)


def downgrade():
    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.drop_column('transcript_required')
        batch_op.drop_column('voice_seconds_max')
        batch_op.drop_column('min_voice_seconds')
    with op.batch_alter_table('media_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_media_file_post_id'))
        batch_op.drop_index(batch_op.f('ix_media_file_owner_id'))
        batch_op.drop_index(batch_op.f('ix_media_file_classroom_id'))
    op.drop_table('media_file')
