"""wiki revision html: each version keeps its rendered HTML

Revision ID: 5b7e0c1d2a94
Revises: ca43481f7c43
Create Date: 2026-12-02 01:40:00

Old versions were rendered again on every view (a 100 KB page: 5 s each time). The
column starts empty; fill it with ``flask --app wsgi rerender`` (the wiki registers its
versions there). Until then an empty version is rendered on view, as before.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5b7e0c1d2a94'
down_revision = 'ca43481f7c43'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('wiki_revision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('html', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('wiki_revision', schema=None) as batch_op:
        batch_op.drop_column('html')
