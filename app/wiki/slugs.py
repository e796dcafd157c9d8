"""Page titles become URL slugs: letters of any script are kept, lower case, spaces -> "-"."""
from __future__ import annotations

import unicodedata

#: Words the wiki's own URLs use; a title with this slug gets "-page" added.
RESERVED = frozenset({"new", "pages", "changes", "deleted"})
MAX_LENGTH = 150


def slugify(title: str) -> str:
    """``"Café Talk: Week 1"`` -> ``"café-talk-week-1"``; ``"Übung"``, ``"語彙"`` keep their letters.

    NFKC-normalised and case-folded, so two titles that look the same get the same
    slug. Letters, digits and combining marks are kept; anything else separates
    words. Returns "" when the title has no letter or digit.
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    out: list[str] = []
    dash = False
    for ch in text:
        if ch.isalnum() or unicodedata.category(ch).startswith("M"):
            if dash and out:
                out.append("-")
            out.append(ch)
            dash = False
        else:
            dash = True
    slug = unicodedata.normalize("NFKC", "".join(out))[:MAX_LENGTH].strip("-")
    if slug in RESERVED:
        slug += "-page"
    return slug


def clean_title(title: str) -> str:
    """The title as shown: NFKC-normalised, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", title).split())
