"""What a draft key means: features register the kinds of keys they use.

A key names the place a text is written for: ``"reply-to-post-42"`` is a kind
(``"reply-to-post"``) and its arguments (``42``). The feature that owns the form
registers a resolver for its kind (the forum: replies, new threads, post edits;
the wiki: page edits and new pages). A resolver answers, for one user and many
argument tuples at once (a fixed number of queries), the ``Target`` of each key
the user may write at, with the same access and reading rules as the page that
shows the form; keys it leaves out are refused (404). Nothing but the key and
the text comes from the browser: the class, the title, the address and the size
limit come from here.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select

from app.classes.models import Classroom, Membership
from app.extensions import db
from app.permissions import can_teach, can_view_class

#: Keys are short and plain: small letters, digits and dashes.
KEY_PATTERN = re.compile(r"[a-z0-9-]{1,100}")
#: An id in a key: 1 to 9 digits, so it always fits the database's integers.
ID = r"([1-9][0-9]{0,8})"


@dataclass(frozen=True)
class Target:
    """Where a draft belongs, as the server sees it."""

    #: The class of the form.
    class_id: int
    #: What the user was writing, in plain words: "Your reply to Sam in “Breakfast”".
    title: str
    #: The page with the form.
    url: str
    #: The form's own length limit for the text.
    max_chars: int
    #: The place the draft is kept under (the key without a version; see ``Draft.key``).
    place: str


Resolver = Callable[[object, list[tuple[int, ...]]], dict[tuple[int, ...], Target]]


@dataclass(frozen=True)
class Kind:
    prefix: str
    pattern: re.Pattern
    resolve: Resolver


_kinds: dict[str, Kind] = {}


def kind(prefix: str, pattern: str = ID) -> Callable[[Resolver], Resolver]:
    """Register the decorated resolver ``(user, [args, ...]) -> {args: Target}`` for keys
    ``"<prefix>-<rest>"``, where ``rest`` matches ``pattern`` (its groups are the int args)."""

    def register(resolve: Resolver) -> Resolver:
        _kinds[prefix] = Kind(prefix, re.compile(pattern), resolve)
        return resolve

    return register


def parse(key: str) -> tuple[Kind, tuple[int, ...]] | None:
    """The kind and arguments of ``key``, or None when no feature knows it."""
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        return None
    for prefix, found in _kinds.items():
        if key.startswith(prefix + "-"):
            match = found.pattern.fullmatch(key[len(prefix) + 1:])
            if match:
                return found, tuple(int(group) for group in match.groups())
    return None


def resolve_many(user, keys: Iterable[str]) -> dict[str, Target]:
    """Key -> Target for the keys ``user`` may write at now (one resolver call per kind)."""
    by_kind: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    for key in set(keys):
        parsed = parse(key)
        if parsed:
            by_kind.setdefault(parsed[0].prefix, []).append((key, parsed[1]))
    found: dict[str, Target] = {}
    for prefix, items in by_kind.items():
        targets = _kinds[prefix].resolve(user, sorted({args for _, args in items}))
        found.update((key, targets[args]) for key, args in items if args in targets)
    return found


def resolve(user, key: str) -> Target | None:
    """The Target of ``key`` for ``user``, or None when it is unknown or not theirs to write at."""
    return resolve_many(user, [key]).get(key)


def class_roles(user, class_ids: Iterable[int]) -> dict[int, bool]:
    """For the existing classes among ``class_ids`` that ``user`` may see (``can_view_class``):
    whether they teach it (``can_teach``). One query."""
    ids = sorted(set(class_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        select(Classroom.id, Membership).where(Classroom.id.in_(ids))
        .outerjoin(Membership, (Membership.classroom_id == Classroom.id) & (Membership.user_id == user.id))
    ).all()
    return {class_id: can_teach(user, member) for class_id, member in rows if can_view_class(user, member)}
