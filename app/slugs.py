"""Text made into a URL or file name part: letters of any script are kept, lower case, spaces -> "-"."""
from __future__ import annotations

import unicodedata

MAX_LENGTH = 150


def slugify(text: str) -> str:
    """``"Café Talk: Week 1"`` -> ``"café-talk-week-1"``; ``"Übung"``, ``"語彙"`` keep their letters.

    NFKC-normalised and case-folded, so two texts that look the same get the same
    slug. Letters, digits and combining marks are kept; anything else separates
    words. At most ``MAX_LENGTH`` characters; "" when the text has no letter or digit.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
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
    return unicodedata.normalize("NFKC", "".join(out))[:MAX_LENGTH].strip("-")
