"""The wiki's addresses, in one place.

Built as strings, not with ``url_for``: the links inside a page's HTML are made when the page is
saved and again by ``flask rerender``, outside any request, where ``url_for`` cannot build a URL.
Views use the same functions, so a page has one address everywhere. The app is served at the
root of its site (the stored links assume it).
"""
from __future__ import annotations

from urllib.parse import quote, urlencode


def page_url(classroom_id: int, slug: str) -> str:
    """The page with this slug (``wiki.page``)."""
    return f"/classes/{classroom_id}/wiki/{quote(slug)}"


def create_url(classroom_id: int, title: str) -> str:
    """The form that makes a page, with ``title`` filled in (``wiki.create``)."""
    return f"/classes/{classroom_id}/wiki/new?{urlencode({'title': title})}"
