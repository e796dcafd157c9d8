"""Progress on a prompt's requirements: the student's checklist and the teacher's
participation table. Words are counted like the editor counts them
(``content.count_words`` on the source, stored with the post as ``Post.word_count``); seconds of
speaking are the recordings' durations, read by ffprobe when they were converted (``app.media``).

*First post*: the student's earliest post answering a topic (a reply to the
topic's opening post). *Replies to classmates*: replies to another student's
post (not to one's own, nor to a teacher's); they count when long enough.
*Speaking*: the student's longest recording in the prompt (a first post or a reply).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app import spreadsheets
from app.auth.models import User
from app.classes.models import Membership, Role
from app.extensions import db
from app.forum.models import Post
from app.media.models import MediaFile

from .models import Prompt, Topic


@dataclass
class Progress:
    """One student's work on one prompt."""

    user_id: int
    name: str = ""
    membership_id: int = 0
    topics: list[str] = field(default_factory=list)
    first_words: int | None = None
    replies: int = 0
    short_replies: int = 0
    #: Seconds of the longest recording (None: no recording yet).
    voice_seconds: float | None = None
    last_activity: datetime | None = None

    def first_ok(self, prompt: Prompt) -> bool:
        return self.first_words is not None and self.first_words >= (prompt.min_words_first or 0)

    def replies_ok(self, prompt: Prompt) -> bool:
        return self.replies >= (prompt.replies_required or 0)

    def voice_ok(self, prompt: Prompt) -> bool:
        need = prompt.min_voice_seconds or 0
        return not need or (self.voice_seconds is not None and round(self.voice_seconds) >= need)

    def met(self, prompt: Prompt) -> bool:
        """Every requirement met."""
        return self.first_ok(prompt) and self.replies_ok(prompt) and self.voice_ok(prompt)


@dataclass
class Line:
    """A checklist line: its text and whether it is done."""

    text: str
    done: bool
    due: datetime | None = None


def _posts(prompts: list[Prompt], user_id: int | None = None):
    """Rows of students' posts in the prompts' topics, oldest first, with the parent's author and role."""
    parent = aliased(Post)
    parent_member = aliased(Membership)
    stmt = (
        select(Post.author_id, Post.depth, Post.word_count, Post.created_at, Post.deleted, Topic.title, Topic.prompt_id,
               parent.author_id.label("parent_author"), parent_member.role.label("parent_role"),
               MediaFile.duration.label("seconds"))
        .join(Topic, Topic.thread_id == Post.thread_id)
        .join(Membership, (Membership.user_id == Post.author_id) & (Membership.classroom_id == Post.classroom_id))
        .outerjoin(parent, parent.id == Post.parent_id)
        .outerjoin(MediaFile, (MediaFile.post_id == Post.id) & (MediaFile.kind == "recording"))
        .outerjoin(parent_member, (parent_member.user_id == parent.author_id)
                   & (parent_member.classroom_id == Post.classroom_id))
        .where(Topic.prompt_id.in_([p.id for p in prompts]), Membership.role == Role.STUDENT, Post.depth > 0)
        .order_by(Post.id)
    )
    if user_id is not None:
        stmt = stmt.where(Post.author_id == user_id)
    return db.session.execute(stmt).all()


def _add(progress: Progress, row, prompt: Prompt) -> None:
    if row.deleted:
        return
    words = row.word_count
    progress.last_activity = max(progress.last_activity or row.created_at, row.created_at)
    if row.title not in progress.topics:
        progress.topics.append(row.title)
    if row.seconds is not None:
        progress.voice_seconds = max(progress.voice_seconds or 0, row.seconds)
    if row.depth == 1:
        if progress.first_words is None:
            progress.first_words = words
    elif row.parent_author != row.author_id and row.parent_role == Role.STUDENT:
        if words >= (prompt.min_words_reply or 0):
            progress.replies += 1
        else:
            progress.short_replies += 1


def student_progress(prompt: Prompt, user_id: int) -> Progress:
    """One student's progress (one query)."""
    return progress_of([prompt], user_id)[prompt.id]


def progress_of(prompts: list[Prompt], user_id: int) -> dict[int, Progress]:
    """Prompt id -> one student's progress, for any number of prompts (one query; none for no prompts)."""
    found = {p.id: Progress(user_id) for p in prompts}
    by_id = {p.id: p for p in prompts}
    for row in _posts(prompts, user_id) if prompts else ():
        _add(found[row.prompt_id], row, by_id[row.prompt_id])
    return found


def checklist(prompt: Prompt, progress: Progress) -> list[Line]:
    """The lines a student sees: "First post: 112 words ✓ (at least 100 words)", "Replies to classmates: 1 of 2"."""
    need = prompt.min_words_first or 0
    at_least = f" (at least {need} words)" if need else ""
    if progress.first_words is None:
        first = Line(f"First post: not written yet{at_least}", False, prompt.first_post_due)
    elif progress.first_words >= need:
        first = Line(f"First post: {_words(progress.first_words)} ✓{at_least}", True, prompt.first_post_due)
    else:
        missing = need - progress.first_words
        first = Line(f"First post: {_words(progress.first_words)}{at_least} — {_words(missing)} missing",
                     False, prompt.first_post_due)
    lines = [first]
    if prompt.replies_required:
        text = f"Replies to classmates: {min(progress.replies, prompt.replies_required)} of {prompt.replies_required}"
        if progress.replies_ok(prompt):
            text += " ✓"
        if prompt.min_words_reply:
            text += f" (at least {prompt.min_words_reply} words each)"
        if progress.short_replies and not progress.replies_ok(prompt):
            n = progress.short_replies
            text += f" — {n} repl{'ies are' if n != 1 else 'y is'} too short to count"
        lines.append(Line(text, progress.replies_ok(prompt), prompt.replies_due))
    if prompt.min_voice_seconds:
        lines.append(_speaking_line(prompt, progress))
    return lines


def _speaking_line(prompt: Prompt, progress: Progress) -> Line:
    """ "Speaking: 42 seconds ✓ (a voice reply of at least 30 seconds)", counted like words."""
    need = prompt.min_voice_seconds
    at_least = f" (a voice reply of at least {_seconds(need)})"
    if progress.voice_seconds is None:
        return Line(f"Speaking: no recording yet{at_least}", False, prompt.first_post_due)
    have = round(progress.voice_seconds)
    if progress.voice_ok(prompt):
        return Line(f"Speaking: {_seconds(have)} ✓{at_least}", True, prompt.first_post_due)
    return Line(f"Speaking: {_seconds(have)}{at_least} — {_seconds(need - have)} missing", False, prompt.first_post_due)


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}{'s' if n != 1 else ''}"


def _words(n: int) -> str:
    return _count(n, "word")


def _seconds(n: int) -> str:
    return _count(n, "second")


SORTS = {
    "name": lambda p: p.name.lower(),
    "words": lambda p: p.first_words or 0,
    "replies": lambda p: p.replies,
    "activity": lambda p: p.last_activity or datetime.min,
}


def participation(prompt: Prompt, sort: str = "name") -> list[Progress]:
    """One row per student of the class (two queries), sorted by ``sort`` (see SORTS; "met" too)."""
    rows = participation_of([prompt])[prompt.id]
    key = SORTS.get(sort)
    if sort == "met":
        key = lambda p: (p.met(prompt), p.name.lower())  # noqa: E731
    ordered = sorted(rows, key=SORTS["name"])
    return sorted(ordered, key=key, reverse=sort in ("words", "replies", "activity")) if key else ordered


def participation_of(prompts: list[Prompt], student_id: int | None = None) -> dict[int, list[Progress]]:
    """Prompt id -> one row per student of the class (``student_id``: that student's row only),
    for prompts of one class (two queries in all)."""
    if not prompts:
        return {}
    query = (select(User.id, User.display_name, Membership.id)
             .join(Membership, Membership.user_id == User.id)
             .where(Membership.classroom_id == prompts[0].classroom_id, Membership.role == Role.STUDENT))
    students = db.session.execute(query if student_id is None else query.where(User.id == student_id)).all()
    tables = {p.id: {uid: Progress(uid, name, mid) for uid, name, mid in students} for p in prompts}
    by_id = {p.id: p for p in prompts}
    for row in _posts(prompts, student_id):
        rows = tables[row.prompt_id]
        if row.author_id in rows:
            _add(rows[row.author_id], row, by_id[row.prompt_id])
    return {prompt_id: list(rows.values()) for prompt_id, rows in tables.items()}


def first_posts_missing(prompts: list[Prompt]) -> dict[int, int]:
    """Prompt id -> how many students of its class have no first post in it yet (one query).

    Each (student, topic) pair is one probe of ``ix_post_author_thread``: the cost follows
    the students and topics shown, not the posts the class has written."""
    if not prompts:
        return {}
    student = aliased(Membership)
    answered = (
        select(Post.id).join(Topic, Topic.thread_id == Post.thread_id)
        .where(Topic.prompt_id == Prompt.id, Post.author_id == student.user_id, Post.depth == 1,
               Post.deleted.is_(False))
        .correlate(Prompt, student).exists()
    )
    rows = db.session.execute(
        select(Prompt.id, func.count(student.id))
        .join(student, (student.classroom_id == Prompt.classroom_id) & (student.role == Role.STUDENT))
        .where(Prompt.id.in_([p.id for p in prompts]), ~answered)
        .group_by(Prompt.id))
    return {p.id: 0 for p in prompts} | dict(rows.all())


def participation_csv(prompt: Prompt, rows: list[Progress], show) -> str:
    """The table as CSV text; ``show(moment)`` formats times."""
    return spreadsheets.csv_text(
        ["Student", "Topics", "First post words", "Replies to classmates", "Requirements met", "Last activity"],
        ([p.name, "; ".join(p.topics), "" if p.first_words is None else p.first_words, p.replies,
          "yes" if p.met(prompt) else "no", show(p.last_activity) if p.last_activity else ""] for p in rows))


def student_posts(prompt: Prompt, user_id: int) -> list[tuple[Post, str]]:
    """All the student's posts in the prompt, oldest first, with their topic title."""
    return list(db.session.execute(
        select(Post, Topic.title).join(Topic, Topic.thread_id == Post.thread_id)
        .where(Topic.prompt_id == prompt.id, Post.author_id == user_id).order_by(Post.id)).all())
