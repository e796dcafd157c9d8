"""drafts: the text a user is writing, kept on the server until it is saved

Revision ID: 5706bed2f217
Revises: 5b7e0c1d2a94
Create Date: 2026-12-02 01:06:24.959995

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5706bed2f217'
down_revision = '5b7e0c1d2a94'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'draft',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('classroom_id', sa.Integer(), nullable=False),
        sa.Column('place', sa.String(length=100), nullable=False),
        sa.Column('key', sa.String(length=100), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('saved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_draft_classroom_id_classroom'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_draft_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_draft')),
        # One draft per user and place; also serves "Your drafts" (WHERE user_id = ?).
        sa.UniqueConstraint('user_id', 'place', name=op.f('uq_draft_user_id')),
    )
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_classroom_id'), ['classroom_id'], unique=False)


def downgrade():
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_classroom_id'))
    op.drop_table('draft')
