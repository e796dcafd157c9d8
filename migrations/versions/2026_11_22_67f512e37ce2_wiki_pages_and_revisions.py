"""wiki pages and revisions: pages (with cached HTML), append-only revisions,
redirects from old slugs, [[links]] between pages; every existing class gets a
wiki home page (new classes get one through the ``class_created`` signal).

Revision ID: 67f512e37ce2
Revises: d52eaecbc0be
Create Date: 2026-11-22 22:03:30.801178

"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '67f512e37ce2'
down_revision = 'd52eaecbc0be'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('wiki_page',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('slug', sa.String(length=160), nullable=False),
    sa.Column('current_revision_id', sa.Integer(), nullable=True),
    sa.Column('revision_number', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('talk_thread_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_wiki_page_classroom_id_classroom'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['talk_thread_id'], ['thread.id'], name=op.f('fk_wiki_page_talk_thread_id_thread'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wiki_page')),
    sa.UniqueConstraint('classroom_id', 'slug', name=op.f('uq_wiki_page_classroom_id'))
    )
    op.create_table('wiki_link',
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('target_slug', sa.String(length=160), nullable=False),
    sa.ForeignKeyConstraint(['page_id'], ['wiki_page.id'], name=op.f('fk_wiki_link_page_id_wiki_page'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('page_id', 'target_slug', name=op.f('pk_wiki_link'))
    )
    with op.batch_alter_table('wiki_link', schema=None) as batch_op:
        batch_op.create_index('ix_wiki_link_target', ['target_slug'], unique=False)

    op.create_table('wiki_redirect',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('old_slug', sa.String(length=160), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_wiki_redirect_classroom_id_classroom'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['page_id'], ['wiki_page.id'], name=op.f('fk_wiki_redirect_page_id_wiki_page'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wiki_redirect')),
    sa.UniqueConstraint('classroom_id', 'old_slug', name=op.f('uq_wiki_redirect_classroom_id'))
    )
    with op.batch_alter_table('wiki_redirect', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wiki_redirect_page_id'), ['page_id'], unique=False)

    op.create_table('wiki_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('summary', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_wiki_revision_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['page_id'], ['wiki_page.id'], name=op.f('fk_wiki_revision_page_id_wiki_page'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wiki_revision')),
    sa.UniqueConstraint('page_id', 'number', name=op.f('uq_wiki_revision_page_id'))
    )
    with op.batch_alter_table('wiki_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wiki_revision_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_wiki_revision_created', ['created_at'], unique=False)

    add_home_pages()


HOME_TEXT = "Welcome to the class wiki! Everyone in the class can write here. Press **Edit this page** to change a page."
HOME_HTML = "<p>Welcome to the class wiki! Everyone in the class can write here. Press <strong>Edit this page</strong> to change a page.</p>"


def add_home_pages():
    """A "Home" page, written by the class's first teacher, for every class that exists now."""
    conn = op.get_bind()
    meta = sa.MetaData()
    page = sa.Table("wiki_page", meta, autoload_with=conn)
    revision = sa.Table("wiki_revision", meta, autoload_with=conn)
    classroom = sa.table("classroom", sa.column("id"))
    membership = sa.table("membership", sa.column("classroom_id"), sa.column("user_id"), sa.column("role"))
    now = datetime.now(UTC).replace(tzinfo=None)
    teachers = dict(conn.execute(sa.select(membership.c.classroom_id, sa.func.min(membership.c.user_id))
                                 .where(membership.c.role == "teacher").group_by(membership.c.classroom_id)).all())
    for (class_id,) in conn.execute(sa.select(classroom.c.id)).all():
        page_id = conn.execute(page.insert().values(
            classroom_id=class_id, title="Home", slug="home", revision_number=1, source=HOME_TEXT, html=HOME_HTML,
            locked=False, created_at=now, updated_at=now).returning(page.c.id)).scalar_one()
        revision_id = conn.execute(revision.insert().values(
            page_id=page_id, number=1, author_id=teachers.get(class_id), source=HOME_TEXT, summary="Made the wiki",
            title="Home", created_at=now).returning(revision.c.id)).scalar_one()
        conn.execute(page.update().where(page.c.id == page_id).values(current_revision_id=revision_id))



def downgrade():
    with op.batch_alter_table('wiki_revision', schema=None) as batch_op:
        batch_op.drop_index('ix_wiki_revision_created')
        batch_op.drop_index(batch_op.f('ix_wiki_revision_author_id'))

    op.drop_table('wiki_revision')
    with op.batch_alter_table('wiki_redirect', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wiki_redirect_page_id'))

    op.drop_table('wiki_redirect')
    with op.batch_alter_table('wiki_link', schema=None) as batch_op:
        batch_op.drop_index('ix_wiki_link_target')

    op.drop_table('wiki_link')
    op.drop_table('wiki_page')
