"""The corrections' named rules for every role, without HTTP (as tests/test_rules_matrix.py)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.corrections import access

WRITER, CLASSMATE, TEACHER = SimpleNamespace(id=1), SimpleNamespace(id=2), SimpleNamespace(id=3)
CORRECTION = SimpleNamespace(student_id=WRITER.id)

#: (who, is a teacher of the class) -> (sees corrections, corrects, answers)
MATRIX = {
    "writer": (WRITER, False, (True, False, True)),
    "classmate": (CLASSMATE, False, (False, False, False)),
    "teacher": (TEACHER, True, (True, True, False)),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_rules_for_every_role(who):
    user, teacher, expected = MATRIX[who]
    assert (access.can_see_corrections(user, WRITER.id, teacher), access.can_correct(user, WRITER.id, teacher),
            access.can_answer(user, CORRECTION)) == expected


def test_a_teacher_does_not_correct_their_own_text():
    assert not access.can_correct(TEACHER, TEACHER.id, True)
