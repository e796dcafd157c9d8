"""health check: one row that /healthz writes, so it notices a database that cannot write

Revision ID: 351878098d87
Revises: 9db452935e84
Create Date: 2026-12-02 00:51:39.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '351878098d87'
down_revision = '9db452935e84'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('health_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('checked_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_health_check'))
    )


def downgrade():
    op.drop_table('health_check')
