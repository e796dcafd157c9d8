"""Demo corrections: the teacher marked a few words in students' posts and one reflection, so
"My language" and the class view have something to show."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.auth.models import User
from app.classes.models import Classroom, Membership, Role
from app.extensions import db
from app.forum.models import Post
from app.reflections.models import Assignment, Reflection

from . import services

#: (code, better form, comment) for the demo's corrections, in turn.
NOTES = [("WW", "", "Is there a word that fits better here?"), ("Good!", "", "Nice choice of words!"),
         ("SP", "", ""), ("ART", "", "Do you need “the” here?"), ("PREP", "", "")]


def load(classroom: Classroom) -> int:
    """Correct one word in each of the first students' posts and reflections of the class; returns how many."""
    teacher = db.session.scalar(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.classroom_id == classroom.id, Membership.role == Role.TEACHER).order_by(User.id))
    students = select(Membership.user_id).where(Membership.classroom_id == classroom.id,
                                                Membership.role == Role.STUDENT)
    texts = [services.post_text(p) for p in db.session.scalars(
        select(Post).where(Post.classroom_id == classroom.id, Post.author_id.in_(students), Post.deleted.is_(False))
        .order_by(Post.id).limit(6))]
    for reflection in db.session.scalars(select(Reflection).where(
            Reflection.classroom_id == classroom.id, Reflection.submitted_at.is_not(None)).order_by(Reflection.id)
            .limit(2)):
        texts.append(services.reflection_text(reflection, db.session.get(Assignment, reflection.assignment_id)))
    made = 0
    for i, text in enumerate(texts):
        found = list(re.finditer(r"\b[A-Za-z]{5,}\b", text.source))
        if not found:
            continue
        word = found[min(2, len(found) - 1)]
        occurrence = 1 + text.source.count(word.group(), 0, word.start())
        code, better, comment = NOTES[i % len(NOTES)]
        services.add(text, teacher, words=word.group(), occurrence=occurrence, code=code, better=better,
                     comment=comment)
        made += 1
    return made
