"""Who may see a grade: named rules (tested in tests/test_rules_matrix.py)."""
from __future__ import annotations


def is_released(grade) -> bool:
    """The teacher released the grade (a draft or hidden grade is not)."""
    return grade is not None and grade.released_at is not None


def can_see_grade(grade, teacher: bool) -> bool:
    """Teachers see every grade of their class; a student sees their own only once it is released."""
    return teacher or is_released(grade)
