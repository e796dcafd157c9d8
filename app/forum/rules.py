"""Extension point: another feature may change, per user, how a thread looks and
whether that user may post in it now.

A feature registers a provider ``(thread, user, teacher) -> ThreadRules | None``;
the first provider that answers wins. Discussion prompts use it for opening and
closing times, "post before you see classmates" and hidden names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup


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
    #: Which posts this user sees (called with rows that have ``author_id`` and ``depth``).
    visible: Callable[[object], bool] = _show_all
    #: The name shown for an author: ``name(author_id, real_name)``.
    name: Callable[[int, str], str] = _real_name
    #: Makes extra HTML shown above the posts (a checklist...); called only by the thread page.
    aside: Callable[[], Markup] | None = None
    #: Sentence starters offered beside the editor.
    starters: list[str] = field(default_factory=list)


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
