"""Demo reflections for the open demo prompt ("Should our class use Skype…"): the default
rubric, open since the chat ended yesterday and due two hours after it; three students
handed in (one late) and one has a draft."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.auth.models import User
from app.classes.models import Classroom, Membership, Role
from app.extensions import db
from app.forum.models import Thread
from app.prompts.models import Prompt, Topic

from . import services, status, student
from .models import DEFAULT_INSTRUCTIONS, Assignment, Reflection
from .rubric import DEFAULT_RUBRIC

TEXTS = [
    "Our group talked about practising speaking online. Most of us think a video call is good practice, because "
    "we are less nervous at home and we can practise in the evening. One idea I disagreed with was that the camera "
    "is not important: for me, seeing a smile helps me know that the other person understands. Minh suggested "
    "saying “over” like on a radio when the connection is slow. A new phrase I learned is “to take turns”, which "
    "means that people speak one after the other and do not interrupt.",
    "We discussed how a group can stay on topic in a chat. The main ideas were to choose one person who keeps the "
    "time, to write the question at the top of the chat window, and to prepare two or three sentences before the "
    "call. I disagreed a little with the idea that the teacher should keep the time, because students can learn "
    "to do it themselves. A new word for me was “sidetracked”: when a conversation moves away from its topic, "
    "the group gets sidetracked, like when we started with holidays and finished with football.",
    "In our topic we talked about speaking online. Ana said that she feels less nervous when nobody is looking at "
    "her, and I agree. I do not agree that a slow connection is a big problem, because we can wait and repeat. "
    "For me the most useful idea was to change partners every week, so we hear different accents and learn new "
    "words from each other. I learned the phrase “to break the ice”, which means to say something friendly at "
    "the start so that everybody feels relaxed and ready to speak.",
]
DRAFT = "I did not write in the discussion, but I read it. The group thinks that video calls are"


def load(classroom: Classroom, prompt: Prompt) -> list[Reflection]:
    """The prompt's reflection settings and four students' reflections (the three handed in first)."""
    chat_end = status.opens_at(Assignment(opens_at=None), prompt)
    services.save_prompt_settings(prompt, services.Settings(
        instructions=DEFAULT_INSTRUCTIONS, opens_at=None, due_at=chat_end + timedelta(hours=2), min_words=80,
        points=0, rubric=DEFAULT_RUBRIC))
    students = list(db.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == classroom.id, Membership.role == Role.STUDENT).order_by(Membership.id)))
    first, second = _assignments(prompt)
    written = []
    for who, assignment, text, after, hand_in in [
        (students[0], first, TEXTS[0], timedelta(hours=1), True),
        (students[1], second, TEXTS[1], timedelta(minutes=90), True),
        (students[2], first, TEXTS[2], timedelta(hours=5), True),  # three hours late
        (students[3], first, DRAFT, timedelta(hours=20), False),
    ]:
        thread = db.session.get(Thread, assignment.thread_id)
        written.append(student.save(assignment, thread, who, text, hand_in=hand_in, now=chat_end + after))
    db.session.flush()
    return written


def _assignments(prompt: Prompt) -> list[Assignment]:
    return list(db.session.scalars(select(Assignment).join(Topic, Topic.thread_id == Assignment.thread_id)
                                   .where(Topic.prompt_id == prompt.id).order_by(Topic.position)))
