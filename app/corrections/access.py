"""Who sees and makes corrections: named rules (``tests/test_rules_matrix.py`` style tests in
``tests/corrections/test_access_rules.py``).

Corrections are private: the writer of the text and the class's teachers see them, nobody
else (a classmate gets "Page not found" on every page that could show one).
"""
from __future__ import annotations


def can_see_corrections(user, author_id: int, teacher: bool) -> bool:
    """The writer of the text, or a teacher of its class."""
    return teacher or user.id == author_id


def can_correct(user, author_id: int, teacher: bool) -> bool:
    """A teacher of the class corrects anyone's text but their own."""
    return teacher and user.id != author_id


def can_answer(user, correction) -> bool:
    """Only the writer says "I fixed it" or "I don't understand"."""
    return correction.student_id == user.id

