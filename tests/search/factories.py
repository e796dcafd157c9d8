"""Search test factories: the search URL, and the results part of the page as text."""
from __future__ import annotations

import re
from urllib.parse import urlencode

RESULTS = re.compile(r'<section aria-labelledby="results-heading">(.*?)</section>', re.S)


def url(classroom, q: str | None = None, **args) -> str:
    query = {"q": q, **args} if q is not None else args
    return f"/classes/{classroom.id}/search" + (f"?{urlencode(query)}" if query else "")


def search(client, classroom, q: str, **args) -> str:
    """The results section of the search page ("" when there is none)."""
    response = client.get(url(classroom, q, **args))
    assert response.status_code == 200
    found = RESULTS.search(response.get_data(as_text=True))
    return found.group(1) if found else ""


def post_links(section: str) -> list[int]:
    """Post ids of the results, in order."""
    return [int(n) for n in re.findall(r'href="/classes/\d+/posts/(\d+)"', section)]


def page_links(section: str) -> list[str]:
    """Wiki page slugs of the results, in order."""
    return re.findall(r'href="/classes/\d+/wiki/([^"/]+)"', section)


def authors(section: str) -> list[str]:
    return re.findall(r'<p class="meta">Post by ([^<]+?) ·', section)
