"""The addresses of corrections, in one place (strings: marks are rendered outside requests)."""
from __future__ import annotations


def post_page(class_id: int, post_id: int) -> str:
    """The corrections page of a forum post."""
    return f"/classes/{class_id}/posts/{post_id}/corrections"


def reflection_page(class_id: int, assignment_id: int, student_id: int) -> str:
    """The corrections page of a student's reflection."""
    return f"/classes/{class_id}/reflections/{assignment_id}/students/{student_id}/corrections"


def anchor(correction_id: int) -> str:
    """The correction in a list of corrections on the same page."""
    return f"#correction-{correction_id}"


def add(page: str) -> str:
    """Where the form on a corrections page sends a new correction."""
    return page + "/new"
