"""Page titles become page slugs (``app.slugs.slugify``), apart from the words the wiki's own URLs use."""
from __future__ import annotations

import unicodedata

from app.slugs import slugify

#: Words the wiki's own URLs use; a title with this slug gets "-page" added.
RESERVED = frozenset({"new", "pages", "changes", "deleted"})


def page_slug(title: str) -> str:
    """The page's slug: ``slugify(title)``, with "-page" added to a reserved word ("New" -> "new-page")."""
    slug = slugify(title)
    return slug + "-page" if slug in RESERVED else slug


def clean_title(title: str) -> str:
    """The title as shown: NFKC-normalised, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", title).split())
