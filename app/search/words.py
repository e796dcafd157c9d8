"""Words as search sees them, the same for the indexed text and the query, on both databases.

A word is a run of letters and digits (Unicode), in small letters. Its *term* (what the
index holds and the query looks for) is the word with British spelling made American
(``data/british_american.tsv``: "practise" → "practice", "colour" → "color"), then
stemmed by Snowball English (the stemmer PostgreSQL's ``english`` configuration uses):
"practising", "practised", "practice" and "practise" are all ``practic``; "discussed"
and "discussion" are ``discuss``. Whole words only: "ice" is ``ice``, never part of
``practic``.

Typos: ``trigrams`` and ``similarity`` are pg_trgm's (``similarity(a, b)`` in
PostgreSQL), used on SQLite to rank the words its trigram index finds.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer

#: Words longer than this are cut (a stem of a 40-letter "word" is not worth more).
MAX_WORD_CHARS = 40
#: Words of the class's vocabulary (for "Did you mean"): at least this long, letters only.
MIN_VOCABULARY_CHARS = 3

_WORD = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=1)
def spellings() -> dict[str, str]:
    """British spelling -> American spelling (a maintained list, vendored: see the file's header)."""
    pairs = {}
    for line in (Path(__file__).parent / "data" / "british_american.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            british, american = line.split("\t")
            pairs[british] = american
    return pairs


def small(word: str) -> str:
    """One word as search keeps it: small letters, cut at ``MAX_WORD_CHARS``."""
    return word.casefold()[:MAX_WORD_CHARS]


def words(text: str) -> list[str]:
    """The words of ``text``, in order, in small letters (each cut at ``MAX_WORD_CHARS``)."""
    return [small(w) for w in _WORD.findall(text or "")]


def find_words(text: str):
    """Each word of ``text`` as a regex match (where it is), in order."""
    return _WORD.finditer(text or "")


def spelling(word: str) -> str:
    """One spelling for British and American: the American one ("colour" → "color")."""
    return spellings().get(word, word)


@lru_cache(maxsize=50_000)
def term(word: str) -> str:
    """The term of one word (small letters): one spelling, then its Snowball English stem."""
    return _stemmer.stemWord(spelling(word))


def terms(text: str) -> list[str]:
    """The terms of every word of ``text``, in order (repeats kept: they count for ranking)."""
    return [term(w) for w in words(text)]


def index_text(text: str) -> str:
    """What the index stores for ``text``: its terms, separated by spaces."""
    return " ".join(terms(text))


def vocabulary(text: str) -> set[str]:
    """The words of ``text`` a "Did you mean" may suggest: letters only, at least 3 of them."""
    return {w for w in words(text) if len(w) >= MIN_VOCABULARY_CHARS and _LETTERS.fullmatch(w)}


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: two spaces before, one after, every 3 characters."""
    padded = f"  {word.casefold()} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity``: shared trigrams over all trigrams of the two words (0 to 1)."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0
