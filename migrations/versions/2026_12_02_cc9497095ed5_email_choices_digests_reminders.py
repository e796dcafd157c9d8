"""email choices, digests and reminders

Each user's e-mail choices per class (app/notify/models.py EmailChoice: rows only where
someone chose; none means the defaults), how often their digest comes and when the last
one was written (DigestChoice), the reminders written once per student and prompt
(ReminderSent), and extra headers of an outbox e-mail (List-Unsubscribe, RFC 8058).

Revision ID: cc9497095ed5
Revises: 4f6c2b9e1d70
Create Date: 2026-12-02 04:04:41.277838

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'cc9497095ed5'
down_revision = '4f6c2b9e1d70'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('digest_choice',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('last_digest_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_digest_choice_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_digest_choice'))
    )
    with op.batch_alter_table('digest_choice', schema=None) as batch_op:
        batch_op.create_index('ix_digest_choice_due', ['frequency', 'last_digest_at'], unique=False)

    op.create_table('email_choice',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('reply', sa.Boolean(), nullable=False),
    sa.Column('mention', sa.Boolean(), nullable=False),
    sa.Column('grade', sa.Boolean(), nullable=False),
    sa.Column('returned', sa.Boolean(), nullable=False),
    sa.Column('report', sa.Boolean(), nullable=False),
    sa.Column('reminder', sa.Boolean(), nullable=False),
    sa.Column('opened', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_email_choice_classroom_id_classroom'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_email_choice_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'classroom_id', name=op.f('pk_email_choice'))
    )
    with op.batch_alter_table('email_choice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_email_choice_classroom_id'), ['classroom_id'], unique=False)

    op.create_table('reminder_sent',
    sa.Column('prompt_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.String(length=20), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['prompt_id'], ['prompt.id'], name=op.f('fk_reminder_sent_prompt_id_prompt'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_reminder_sent_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('prompt_id', 'user_id', 'what', name=op.f('pk_reminder_sent'))
    )
    with op.batch_alter_table('reminder_sent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_sent_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('headers', sa.Text(), server_default='{}', nullable=False))



def downgrade():
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('headers')

    with op.batch_alter_table('reminder_sent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_sent_user_id'))

    op.drop_table('reminder_sent')
    with op.batch_alter_table('email_choice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_email_choice_classroom_id'))

    op.drop_table('email_choice')
    with op.batch_alter_table('digest_choice', schema=None) as batch_op:
        batch_op.drop_index('ix_digest_choice_due')

    op.drop_table('digest_choice')
