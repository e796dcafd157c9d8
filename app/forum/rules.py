"""Extension point: another feature may change, per user, how a thread looks and
whether that user may post in it now, and which forums that user sees.

A feature registers a provider ``(thread, user, teacher) -> ThreadRules | None``;
the first provider that answers wins. Discussion prompts use it for opening and
closing times, "post before you see classmates" and hidden names.

For whole forums, a feature registers ``(classroom_id, user, teacher) -> {forum_id:
ForumRules}`` (forums it says nothing about keep the forum's own rules). Prompts
use it to hide a prompt's forum from students until the prompt opens, and to
keep students from starting their own threads there.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


def _show_all(post) -> bool:
    return True


def _real_name(author_id: int, name: str) -> str:
    return name


@dataclass
class ThreadRules:
    """What one user may see and do in one thread."""

    #: The thread does not exist for this user (404).
    hidden: bool = False
    #: Why this user cannot post now (None: they may).
    closed: str | None = None
    #: Why this user cannot edit or delete their own posts now (None: they may).
    frozen: str | None = None
    #: Which posts this user sees (called with rows that have ``author_id`` and ``depth``).
    visible: Callable[[object], bool] = _show_all
    #: The name shown for an author: ``name(author_id, real_name)``.
    name: Callable[[int, str], str] = _real_name
    #: What the provider's rules come from (a prompt's topic), for the thread page's
    #: sections (``app.slots.THREAD``); None for the forum's own rules.
    about: object | None = None
    #: Sentence starters offered beside the editor.
    starters: list[str] = field(default_factory=list)
    #: The user has not written here yet: an answer to the opening post is their first post.
    first_post: bool = False
    #: The words a first post and a reply should have (the editor's counter shows them; 0: none).
    first_post_words: int = 0
    reply_words: int = 0
    #: The longest recording this user may post here (seconds; 0: the site's default).
    voice_seconds: int = 0
    #: A recording must come with its transcript.
    transcript_required: bool = False
    #: The seconds of speaking a first post should have (the recorder shows it; 0: none).
    first_post_seconds: int = 0
    #: Why this user does not see some posts yet (shown instead of the reply count).
    waiting: str | None = None

    def words_for(self, parent) -> int:
        """The word target of an answer to ``parent`` (the opening post has depth 0)."""
        return self.first_post_words if parent.depth == 0 else self.reply_words


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    """Add a provider ``(thread, user, teacher) -> ThreadRules | None``."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def rules_for(thread, user, teacher: bool) -> ThreadRules:
    """The rules for ``user`` in ``thread`` (the forum's own rules when nobody answers)."""
    for provider in _providers:
        rules = provider(thread, user, teacher)
        if rules is not None:
            return rules
    return ThreadRules()


@dataclass
class ForumRules:
    """What one user may see and do in one forum."""

    #: The forum does not exist for this user (404, left out of lists and counts).
    hidden: bool = False
    #: This user may start threads in it (when the forum is open).
    start_threads: bool = True


_forum_providers: list[Callable] = []


def register_forums(provider: Callable) -> Callable:
    """Add a provider ``(classroom_id, user, teacher) -> {forum_id: ForumRules}``.

    It answers for a whole class at once (a fixed number of queries), so lists of
    forums stay cheap."""
    if provider not in _forum_providers:
        _forum_providers.append(provider)
    return provider


def forum_rules(classroom_id: int, user, teacher: bool) -> dict[int, ForumRules]:
    """Forum id -> rules for ``user``, for the class's forums that have special rules."""
    found: dict[int, ForumRules] = {}
    for provider in _forum_providers:
        for forum_id, rules in provider(classroom_id, user, teacher).items():
            found.setdefault(forum_id, rules)
    return found


def rules_for_forum(forum, user, teacher: bool) -> ForumRules:
    """The rules for ``user`` in ``forum`` (the forum's own rules when nobody answers)."""
    return forum_rules(forum.classroom_id, user, teacher).get(forum.id, ForumRules())


def visible_summaries(classroom_id: int, summaries: list, user, teacher: bool) -> list:
    """Leave out the forums hidden from ``user`` (items have a ``forum``)."""
    special = forum_rules(classroom_id, user, teacher)
    return [s for s in summaries if not (special.get(s.forum.id) and special[s.forum.id].hidden)]


_name_providers: list[Callable] = []


def register_names(provider: Callable) -> Callable:
    """Add a provider ``(user, post_ids) -> {post_id: name to show for its author}``,
    for places outside the thread page that name authors (notifications)."""
    if provider not in _name_providers:
        _name_providers.append(provider)
    return provider


def shown_names(user, post_ids: list[int]) -> dict[int, str]:
    """Names to show ``user`` instead of the real ones, by post id (empty: real names)."""
    names: dict[int, str] = {}
    if post_ids:
        for provider in _name_providers:
            names.update(provider(user, post_ids))
    return names


_reading_providers: list[Callable] = []


def register_reading(provider: Callable) -> Callable:
    """Add a provider ``(classroom_id, user, teacher) -> {thread_id: ThreadRules}`` that answers, for
    all its threads of a class at once (a fixed number of queries), what ``user`` may *read*: only
    ``hidden``, ``visible`` and ``name`` count. It must give the same answers as the provider the
    same feature registered with ``register`` (lists outside the thread page use it: search)."""
    if provider not in _reading_providers:
        _reading_providers.append(provider)
    return provider


def reading_rules(classroom_id: int, user, teacher: bool) -> dict[int, ThreadRules]:
    """Thread id -> what ``user`` may read there (``hidden``, ``visible``, ``name``), for the class's
    threads that have special rules; other threads show everything with real names."""
    found: dict[int, ThreadRules] = {}
    for provider in _reading_providers:
        for thread_id, rules in provider(classroom_id, user, teacher).items():
            found.setdefault(thread_id, rules)
    return found


_query_providers: list[Callable] = []


def register_reading_query(provider: Callable) -> Callable:
    """Add a provider ``(classroom_id, user, teacher) -> SQL condition or None`` on the columns of
    ``Post`` and ``Thread``: true for the posts of the class that ``user`` may read by this feature's
    rules. It must give the same answers as the provider the same feature registered with
    ``register`` (``tests/search/test_queries.py`` checks), so lists that filter in the database
    (search) hide what the thread page hides."""
    if provider not in _query_providers:
        _query_providers.append(provider)
    return provider


def reading_conditions(classroom_id: int, user, teacher: bool) -> list:
    """The registered features' SQL conditions for what ``user`` may read in the class (all must hold)."""
    found = (provider(classroom_id, user, teacher) for provider in _query_providers)
    return [condition for condition in found if condition is not None]


_readers_providers: list[Callable] = []


def register_readers(provider: Callable) -> Callable:
    """Add a provider ``(threads, members, teaching) -> {(thread_id, user_id): ThreadRules}`` that
    answers what *many* users may read in many threads at once (a fixed number of queries, for
    e-mails to a whole class): ``threads`` have ``id`` and ``classroom_id``; ``members`` maps a
    user id to the ids of their classes; ``teaching`` holds the (user id, class id) pairs of
    teachers. Only ``hidden``, ``visible`` and ``name`` count; same answers as ``register``'s."""
    if provider not in _readers_providers:
        _readers_providers.append(provider)
    return provider


def readers_rules(threads: list, members: dict[int, set[int]],
                  teaching: set[tuple[int, int]]) -> dict[tuple[int, int], ThreadRules]:
    """(thread id, user id) -> what the user may read there, for the pairs with special rules
    (a member of the thread's class; others read everything with real names)."""
    found: dict[tuple[int, int], ThreadRules] = {}
    if threads and members:
        for provider in _readers_providers:
            for key, rules in provider(threads, members, teaching).items():
                found.setdefault(key, rules)
    return found
