"""Demo data: two classes, so privacy between classes can be seen."""
from __future__ import annotations

from sqlalchemy import func, select

from app.auth.models import User
from app.auth.services import register_user
from app.classes import services as classes
from app.classes.models import Classroom, Membership, Role
from app.extensions import db

PASSWORD = "roundtable-demo"

STUDENT_NAMES = [
    "Ana Souza", "Minh Tran", "Yuki Sato", "Omar Haddad",
    "Sofia Rossi", "Lukas Novak", "Fatima Zahra", "Diego Ramos",
    "Mei Chen", "Ivan Petrov",
]


def is_empty() -> bool:
    """True when no user exists yet."""
    return not db.session.scalar(select(func.count()).select_from(User))


def load() -> dict[str, Classroom]:
    """Create the demo users and classes. Call on an empty database."""
    zone = {"time_zone": "Europe/London", "email_confirmed": True}  # the demo prompts' zone; addresses taken as working
    teacher = register_user("teacher@example.com", "Ms Rivera", PASSWORD, **zone)
    teacher2 = register_user("teacher2@example.com", "Mr Okafor", PASSWORD, **zone)
    students = [
        register_user(f"student{i}@example.com", name, PASSWORD, **zone) for i, name in enumerate(STUDENT_NAMES, start=1)
    ]
    esl = classes.create_class(
        teacher, "ESL Discussion 101", "We talk in English between lessons: read the wiki, choose a topic, write and reply."
    )
    writing = classes.create_class(teacher2, "Academic Writing 201", "Essays, summaries and feedback.")
    for student in students[:8]:
        db.session.add(Membership(classroom_id=esl.id, user_id=student.id, role=Role.STUDENT))
    for student in students[8:]:
        db.session.add(Membership(classroom_id=writing.id, user_id=student.id, role=Role.STUDENT))
    db.session.flush()
    from app.forum import demo as forum_demo

    forum_demo.load(esl)
    from app.wiki import demo as wiki_demo

    wiki_demo.load(esl)
    from app.prompts import demo as prompts_demo

    open_prompt = prompts_demo.load(esl)[0]
    from app.reflections import demo as reflections_demo

    reflections = reflections_demo.load(esl, open_prompt)
    from app.grading import demo as grading_demo

    grading_demo.load(reflections)  # two of the handed-in reflections graded and released
    from app.corrections import demo as corrections_demo

    corrections_demo.load(esl)  # a few words marked in students' posts and reflections
    return {"esl": esl, "writing": writing}
