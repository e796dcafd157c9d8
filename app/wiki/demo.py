"""Demo wiki content: the home page, a vocabulary page with a table, and a page
improved by three students (so its history and word diffs have something to show)."""
from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.classes.models import Classroom, Membership, Role
from app.extensions import db

from . import services

HOME = """Welcome to the wiki of our class! We write these pages **together**.

## Start here
- [[Vocabulary: communities of practice]]: words from this week's reading.
- [[My weekend]]: a short text that three of us corrected. Open its history to see the changes.
- [[Useful phrases for discussions]]: nobody has written this page yet. Will you?

Link to a page with its title in double square brackets, like `[[My weekend]]`.
"""

VOCABULARY = """Words from the reading about **Professional Learning Communities (PLCs)** and **Communities of Practice (CoPs)**.

| Word | Meaning | Example |
|------|---------|---------|
| community | a group of people who share something | Our class is a small community. |
| practice | what you do again and again to get better | Speaking every day is good practice. |
| collaborate | to work together | We collaborate on this wiki. |
| inquiry | asking questions to learn | The team did an inquiry into good teaching. |
| repertoire | all the things a group knows and uses | Stories and tools are part of a shared repertoire. |

## PLC or CoP?

| | PLC | CoP |
|---|---|---|
| Where | usually a school | anywhere: work, online, hobbies |
| Goal | every student learns | members do something better |
| How | teams meet and look at results | members talk, help each other and share stories |

Both are groups where people **learn from each other**. Talk about it in [[Useful phrases for discussions|your own words]].
"""

WEEKEND = [
    "On saturday I goed to the market with my sister. We buyed many vegetable and a fish.",
    "On Saturday I went to the market with my sister. We buyed many vegetable and a fish.",
    "On Saturday I went to the market with my sister. We bought a lot of vegetables and a fish.",
]
SUMMARIES = ["First version", "Fixed “goed” and a capital letter", "Fixed “buyed” and the plural"]


def load(classroom: Classroom) -> None:
    """Fill ``classroom``'s wiki: call after its students have joined."""
    students = list(db.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == classroom.id, Membership.role == Role.STUDENT).order_by(User.id)))
    teacher = db.session.scalar(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == classroom.id, Membership.role == Role.TEACHER).order_by(User.id))
    home = services.find_page(classroom, services.home_slug(classroom))
    services.save_edit(home, teacher, home.current_revision_id, HOME, "Links to this week's pages")
    services.create_page(classroom, teacher, "Vocabulary: communities of practice", VOCABULARY, "Words from the reading")
    page = services.create_page(classroom, students[0], "My weekend", WEEKEND[0], SUMMARIES[0])
    for n, (text, summary) in enumerate(zip(WEEKEND[1:], SUMMARIES[1:], strict=False), start=1):
        services.save_edit(page, students[n % len(students)], page.current_revision_id, text, summary)
    db.session.flush()
