""""Download my data": a zip of everything a user wrote, built with bounded memory.

The zip holds ``posts.md`` (posts and replies with their thread and class),
``wiki-edits.md`` (every version of a wiki page the user saved), ``reflections.md``
(each reflection with the teacher's comments, and the grade and feedback once released),
``my-data.json`` (all of it, for another program) and ``README.txt``.

It is written into a temporary file (``tempfile.TemporaryFile``: on disk, deleted when
closed), one row at a time: each section is one query read in batches (``yield_per``),
run once for the Markdown and once for the JSON, so the export costs the same fixed
number of queries (``QUERIES``) and holds at most a batch of rows in memory, however much
the user wrote. Deleted posts (no text left) are not included; grades only once released.
"""
from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO

from sqlalchemy import and_, select

from app import clock
from app.auth.models import User
from app.classes.models import Classroom, Membership
from app.extensions import db
from app.forum.models import Post, Thread
from app.reflections.models import Assignment, Grade, Reflection
from app.wiki.models import WikiPage, WikiRevision

#: Rows read from the database at a time.
BATCH = 200
#: Queries an export runs, whatever the amount of data: the classes, then three sections twice.
QUERIES = 7


def _stamp(moment: datetime | None) -> str:
    return moment.strftime("%d %b %Y, %H:%M UTC") if moment else ""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


def _dumps(item) -> str:
    """JSON of an item; its times (naive UTC) as ISO 8601 with a Z."""
    return json.dumps(item, ensure_ascii=False, default=lambda value: _iso(value) if isinstance(value, datetime) else str(value))


def _stream(statement) -> Iterator:
    return iter(db.session.execute(statement.execution_options(yield_per=BATCH)))


def posts(user: User) -> Iterator[dict]:
    """The user's posts and replies (not deleted ones), by class, thread and time."""
    rows = _stream(
        select(Post.id, Post.depth, Post.source, Post.created_at, Post.edited_at, Post.hidden,
               Thread.id.label("thread_id"), Thread.title, Classroom.name.label("class_name"))
        .join(Thread, Thread.id == Post.thread_id).join(Classroom, Classroom.id == Post.classroom_id)
        .where(Post.author_id == user.id, Post.deleted.is_(False))
        .order_by(Classroom.name, Thread.id, Post.id)
    )
    for row in rows:
        yield {"id": row.id, "class": row.class_name, "thread": row.title, "thread_id": row.thread_id,
               "kind": "first post" if row.depth == 0 else "reply", "written_at": row.created_at,
               "edited_at": row.edited_at, "hidden_by_teacher": row.hidden, "text": row.source}


def wiki_edits(user: User) -> Iterator[dict]:
    """Every wiki version the user saved, by class, page and version."""
    rows = _stream(
        select(WikiRevision.number, WikiRevision.title, WikiRevision.summary, WikiRevision.source,
               WikiRevision.created_at, WikiPage.slug, Classroom.name.label("class_name"))
        .join(WikiPage, WikiPage.id == WikiRevision.page_id).join(Classroom, Classroom.id == WikiPage.classroom_id)
        .where(WikiRevision.author_id == user.id)
        .order_by(Classroom.name, WikiPage.id, WikiRevision.number)
    )
    for row in rows:
        yield {"class": row.class_name, "page": row.title, "page_slug": row.slug, "version": row.number,
               "saved_at": row.created_at, "summary": row.summary, "text": row.source}


def reflections(user: User) -> Iterator[dict]:
    """The user's reflections, with a comment for revision, and the grade and feedback once released."""
    rows = _stream(
        select(Reflection.source, Reflection.words, Reflection.saved_at, Reflection.submitted_at,
               Reflection.returned_comment, Thread.title, Classroom.name.label("class_name"), Assignment.points,
               Grade.score, Grade.adjustment, Grade.adjustment_reason, Grade.feedback_source, Grade.released_at)
        .join(Assignment, Assignment.id == Reflection.assignment_id)
        .join(Thread, Thread.id == Assignment.thread_id).join(Classroom, Classroom.id == Reflection.classroom_id)
        .outerjoin(Grade, and_(Grade.assignment_id == Reflection.assignment_id, Grade.student_id == user.id,
                               Grade.released_at.is_not(None)))
        .where(Reflection.student_id == user.id)
        .order_by(Classroom.name, Reflection.id)
    )
    for row in rows:
        grade = None
        if row.released_at is not None:
            grade = {"score": row.score, "out_of": row.points, "adjustment": row.adjustment,
                     "adjustment_reason": row.adjustment_reason, "feedback": row.feedback_source,
                     "released_at": row.released_at}
        yield {"class": row.class_name, "thread": row.title, "words": row.words, "saved_at": row.saved_at,
               "handed_in_at": row.submitted_at, "returned_for_revision": row.returned_comment or None,
               "text": row.source, "grade": grade}


def _classes(user: User) -> list[dict]:
    return [{"class": name, "role": role, "joined_at": joined} for name, role, joined in db.session.execute(
        select(Classroom.name, Membership.role, Membership.joined_at)
        .join(Membership, Membership.classroom_id == Classroom.id).where(Membership.user_id == user.id)
        .order_by(Classroom.name))]


# -- Markdown -------------------------------------------------------------------------

def _posts_md(out: IO[str], items: Iterator[dict]) -> None:
    out.write("# My posts and replies\n")
    place = None
    for item in items:
        if (item["class"], item["thread_id"]) != place:
            place = (item["class"], item["thread_id"])
            out.write(f"\n## {item['thread']}\n\nClass: {item['class']}\n")
        notes = [item["kind"].capitalize(), _stamp(item["written_at"])]
        if item["edited_at"]:
            notes.append("edited")
        if item["hidden_by_teacher"]:
            notes.append("hidden by a teacher")
        out.write(f"\n### {' · '.join(notes)}\n\n{item['text'].strip()}\n")


def _wiki_md(out: IO[str], items: Iterator[dict]) -> None:
    out.write("# My wiki edits\n\nEach version of a page that I saved, with the whole page as it was then.\n")
    for item in items:
        summary = f": “{item['summary']}”" if item["summary"] else ""
        out.write(f"\n## {item['page']}, version {item['version']}\n\nClass: {item['class']}. "
                  f"Saved {_stamp(item['saved_at'])}{summary}\n\n{item['text'].strip()}\n")


def _reflections_md(out: IO[str], items: Iterator[dict]) -> None:
    out.write("# My reflections\n")
    for item in items:
        handed_in = (f"Handed in {_stamp(item['handed_in_at'])}"
                     if item["handed_in_at"] else "Not handed in (draft)")
        out.write(f"\n## {item['thread']}\n\nClass: {item['class']}. {handed_in}. {item['words']} words.\n\n"
                  f"{item['text'].strip()}\n")
        if item["returned_for_revision"]:
            out.write(f"\n**Returned for revision:** {item['returned_for_revision'].strip()}\n")
        grade = item["grade"]
        if grade:
            out.write(f"\n**Grade:** {grade['score']} out of {grade['out_of']}")
            if grade["adjustment"]:
                out.write(f" (adjustment {grade['adjustment']:+d}: {grade['adjustment_reason']})")
            out.write("\n")
            if grade["feedback"]:
                out.write(f"\n**Feedback:**\n\n{grade['feedback'].strip()}\n")


README = """Your data from Roundtable, {when}.

posts.md         your posts and replies, with the title of each thread
wiki-edits.md    each version of a wiki page that you saved
reflections.md   your reflections, with your teacher's comments, grades and feedback
                 (grades only once your teacher released them)
my-data.json     all of it, for another program

The .md files are plain text (Markdown): open them with any text editor.
"""


def _json(out: IO[str], user: User, sections: list[tuple[str, Callable[[User], Iterator[dict]]]]) -> None:
    account = {"name": user.display_name, "email": user.email, "created_at": user.created_at,
               "time_zone": user.time_zone, "exported_at": clock.now()}
    out.write('{\n"account": ' + _dumps(account))
    out.write(',\n"classes": ' + _dumps(_classes(user)))
    for key, section in sections:
        out.write(f',\n"{key}": [')
        for number, item in enumerate(section(user)):
            out.write(("," if number else "") + "\n" + _dumps(item))
        out.write("\n]")
    out.write("\n}\n")


def build(user: User) -> IO[bytes]:
    """The zip of ``user``'s data in a temporary file (at its start); close it to delete it."""
    file = tempfile.TemporaryFile()
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        def entry(name: str, write: Callable[[IO[str]], None]) -> None:
            with archive.open(name, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as out:
                write(out)

        entry("README.txt", lambda out: out.write(README.format(when=_stamp(clock.now()))))
        entry("posts.md", lambda out: _posts_md(out, posts(user)))
        entry("wiki-edits.md", lambda out: _wiki_md(out, wiki_edits(user)))
        entry("reflections.md", lambda out: _reflections_md(out, reflections(user)))
        entry("my-data.json", lambda out: _json(out, user, [("posts", posts), ("wiki_edits", wiki_edits),
                                                             ("reflections", reflections)]))
    file.seek(0)
    return file
