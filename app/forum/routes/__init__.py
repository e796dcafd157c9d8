"""The forum's views, one module per part: threads (forums and threads), posts,
moderation (teachers' tools), notifications."""
from . import moderation, notifications, posts, threads  # noqa: F401  (each attaches its views to ``bp``)
