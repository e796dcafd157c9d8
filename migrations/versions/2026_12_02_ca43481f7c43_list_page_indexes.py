"""Indexes for the list pages (issue 13.1): checked with EXPLAIN in tests/test_query_plans.py

- notification (user_id, id): the notifications page lists a user's newest first; with
  only (user_id, read_at), SQLite sorted all of that user's notifications.
- post (thread_id, id, author_id): "new posts for me" on the forum and thread lists, and the
  first new post, come from the index alone (posts after the read mark, not by me).
- thread (forum_id, pinned, last_post_at, id): the forum page's order including its last
  key, so PostgreSQL does not sort either.

Revision ID: ca43481f7c43
Revises: 351878098d87
Create Date: 2026-12-02 00:55:50.232321

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ca43481f7c43'
down_revision = '351878098d87'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_notification_user_newest', 'notification', ['user_id', 'id'])
    op.create_index('ix_post_thread_new', 'post', ['thread_id', 'id', 'author_id'])
    op.drop_index('ix_thread_forum_order', table_name='thread')
    op.create_index('ix_thread_forum_order', 'thread', ['forum_id', 'pinned', 'last_post_at', 'id'])


def downgrade():
    op.drop_index('ix_thread_forum_order', table_name='thread')
    op.create_index('ix_thread_forum_order', 'thread', ['forum_id', 'pinned', 'last_post_at'])
    op.drop_index('ix_post_thread_new', table_name='post')
    op.drop_index('ix_notification_user_newest', table_name='notification')
