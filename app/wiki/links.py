"""``[[Page title]]`` and ``[[Page title|shown text]]`` links, resolved when a page is saved.

Links become ordinary Markdown links before ``content.render(..., "wiki")``: to the
page when it exists (or an old slug redirects to it), else to the create form with
the title filled in. The sanitiser drops class attributes, so the CSS styles
missing-page links by their URL (``/wiki/new?title=``), and the title attribute says
"This page does not exist yet".
"""
from __future__ import annotations

import re

from sqlalchemy import select, union

from app.extensions import db

from .models import WikiPage, WikiRedirect
from .slugs import page_slug
from .urls import create_url, page_url

LINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
# Code keeps [[...]] as typed: fenced blocks and inline code spans are skipped.
CODE = re.compile(r"(^```.*?^```[ \t]*$|`[^`\n]+`)", re.DOTALL | re.MULTILINE)
MISSING_TITLE = "This page does not exist yet"


def _outside_code(source: str):
    """Yield (is_code, text) parts of the source."""
    pos = 0
    for m in CODE.finditer(source):
        yield False, source[pos:m.start()]
        yield True, m.group()
        pos = m.end()
    yield False, source[pos:]


def targets(source: str) -> set[str]:
    """The slugs that the source links to."""
    found = set()
    for is_code, part in _outside_code(source):
        if not is_code:
            found.update(s for s in (page_slug(m.group(1)) for m in LINK.finditer(part)) if s)
    return found


def _escape_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def to_markdown(source: str, classroom_id: int, existing: set[str]) -> str:
    """Replace every [[link]] with a Markdown link; ``existing`` is the set of live slugs."""

    def replace(m: re.Match) -> str:
        title, shown = m.group(1).strip(), (m.group(2) or m.group(1)).strip()
        slug = page_slug(title)
        if not slug:
            return m.group()
        if slug in existing:
            return f"[{_escape_text(shown)}]({page_url(classroom_id, slug)})"
        return f'[{_escape_text(shown)}]({create_url(classroom_id, title)} "{MISSING_TITLE}")'

    return "".join(part if is_code else LINK.sub(replace, part) for is_code, part in _outside_code(source))


def existing_slugs(classroom_id: int, wanted: set[str]) -> set[str]:
    """Which of ``wanted`` name a live page (or an old slug that redirects to one): one query."""
    if not wanted:
        return set()
    pages = select(WikiPage.slug).where(WikiPage.classroom_id == classroom_id, WikiPage.deleted_at.is_(None),
                                        WikiPage.slug.in_(wanted))
    redirects = (select(WikiRedirect.old_slug).join(WikiPage, WikiPage.id == WikiRedirect.page_id)
                 .where(WikiRedirect.classroom_id == classroom_id, WikiPage.deleted_at.is_(None),
                        WikiRedirect.old_slug.in_(wanted)))
    return set(db.session.scalars(union(pages, redirects)))


def resolve_links(source: str, classroom_id: int) -> str:
    """The source with its [[links]] resolved against the class's pages now."""
    return to_markdown(source, classroom_id, existing_slugs(classroom_id, targets(source)))
