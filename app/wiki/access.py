"""Who may change what in the wiki: named rules (tested in tests/test_rules_matrix.py)."""
from __future__ import annotations


def can_edit_page(page, teacher: bool) -> bool:
    """Everyone in the class edits a page; only teachers edit a locked one."""
    return not page.locked or teacher


def can_see_deleted_pages(teacher: bool) -> bool:
    """Deleted pages (and restoring them) are for the class's teachers."""
    return teacher
