"""corrections: class correction codes, corrections of posts and reflections, marked texts

Revision ID: 3c9f2a7d1e45
Revises: cc9497095ed5
Create Date: 2026-12-02 04:05:32.967566

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3c9f2a7d1e45'
down_revision = 'cc9497095ed5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('correction_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('explanation', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_correction_code_classroom_id_classroom'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction_code')),
    sa.UniqueConstraint('classroom_id', 'code', name=op.f('uq_correction_code_classroom_id'))
    )
    op.create_table('correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('reflection_id', sa.Integer(), nullable=True),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('better', sa.String(length=300), nullable=False),
    sa.Column('comment', sa.String(length=1000), nullable=False),
    sa.Column('quote', sa.String(length=300), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('before', sa.String(length=40), nullable=False),
    sa.Column('after', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('now_reads', sa.String(length=300), nullable=False),
    sa.Column('answer', sa.String(length=10), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('fixed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(post_id IS NULL) <> (reflection_id IS NULL)', name=op.f('ck_correction_one_text')),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_correction_classroom_id_classroom'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_correction_post_id_post'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reflection_id'], ['reflection.id'], name=op.f('fk_correction_reflection_id_reflection'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['user.id'], name=op.f('fk_correction_student_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['user.id'], name=op.f('fk_correction_teacher_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction'))
    )
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.create_index('ix_correction_class_created', ['classroom_id', 'created_at'], unique=False)
        batch_op.create_index('ix_correction_class_student', ['classroom_id', 'student_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_correction_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_correction_reflection_id'), ['reflection_id'], unique=False)

    op.create_table('marked_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('reflection_id', sa.Integer(), nullable=True),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('open', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_marked_text_post_id_post'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reflection_id'], ['reflection.id'], name=op.f('fk_marked_text_reflection_id_reflection'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marked_text')),
    sa.UniqueConstraint('post_id', name=op.f('uq_marked_text_post_id')),
    sa.UniqueConstraint('reflection_id', name=op.f('uq_marked_text_reflection_id'))
    )


def downgrade():
    op.drop_table('marked_text')
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_correction_reflection_id'))
        batch_op.drop_index(batch_op.f('ix_correction_post_id'))
        batch_op.drop_index('ix_correction_class_student')
        batch_op.drop_index('ix_correction_class_created')

    op.drop_table('correction')
    op.drop_table('correction_code')
