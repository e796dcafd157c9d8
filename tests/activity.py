"""A class in full swing, built through the services as the app would: for tests that visit
every page with realistic data (``tests/test_every_page.py``) and that check the reading
rules on every route (``tests/test_reading_rules.py``).

``Activity()`` makes, in ``classroom``: a teacher and a co-teacher, five students (``poster``
wrote everywhere, ``quiet`` wrote nothing), several forums and threads with nested
replies, read marks on several threads, helpful marks, a hidden, a deleted and an edited
post, reports and notifications; discussion prompts that are open ("post first" with hidden
names, and a plain one), closed, not open yet, and a draft; reflections in every state;
wiki pages with history, a renamed, a locked and a deleted page and a talk thread. A second
class has its own teacher and a student (``outsider``), and there is a site admin.

``values`` holds, for every URL argument, the values worth visiting (the first is the
ordinary one); ``hidden`` holds what the thread page would not show ``quiet``.
"""
from __future__ import annotations

import itertools
from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.auth.services import register_user
from app.classes.models import Membership, Role
from app.classes.services import create_class, membership_of
from app.extensions import db
from app.forum import moderation, posts, threads
from app.forum import services as forum_services
from app.forum.models import Notification, Post, Thread
from app.grading import services as grading
from app.reflections import services as reflections
from app.reflections import student
from app.wiki import services as wiki
from app.wiki import talk
from tests.conftest import PASSWORD
from tests.media.factories import attach
from tests.prompts.factories import make_prompt, topic_thread

_numbers = itertools.count(1)
TEXT = "I think speaking online is useful, because we can practise at home and nobody is in a hurry."


def _user(name: str, *, admin: bool = False):
    return register_user(f"activity{next(_numbers)}@example.com", name, PASSWORD, is_admin=admin)


def _member(classroom, user, role: str = Role.STUDENT) -> Membership:
    membership = Membership(classroom_id=classroom.id, user_id=user.id, role=role)
    db.session.add(membership)
    db.session.flush()
    return membership


def _opening(thread) -> Post:
    return db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.depth == 0))


def _thread(thread_id: int) -> Thread:
    return forum_services.get_thread(_ClassId(db.session.get(Thread, thread_id).classroom_id), thread_id)


class _ClassId:
    def __init__(self, id: int) -> None:
        self.id = id


def _reply(parent: Post, author, text: str = TEXT) -> Post:
    post = posts.reply(parent, _thread(parent.thread_id), author, text)
    db.session.flush()
    return post


class Activity:
    """See the module docstring. Everything is committed when the constructor returns."""

    def __init__(self) -> None:
        clock.freeze(None)
        self.now = clock.now()
        self.admin = _user("Ada Admin", admin=True)
        self.teacher = _user("Tess Teacher")
        self.coteacher = _user("Cora Coteacher")
        self.poster = _user("Sam Student")
        self.quiet = _user("Quinn Quiet")
        self.others = [_user(name) for name in ("Una Student", "Vic Student", "Wen Student")]
        self.other_teacher = _user("Otto Other")
        self.outsider = _user("Olga Outsider")
        db.session.flush()
        self.classroom = create_class(self.teacher, "Evening English B1", "We keep talking between lessons.")
        self.other_class = create_class(self.other_teacher, "Another class")
        db.session.flush()
        _member(self.classroom, self.coteacher, Role.TEACHER)
        for person in (self.poster, self.quiet, *self.others):
            _member(self.classroom, person)
        _member(self.other_class, self.outsider)
        self.students = [self.poster, self.quiet, *self.others]
        self.values: dict[str, list] = {
            "class_id": [self.classroom.id],
            "membership_id": [membership_of(self.poster.id, self.classroom.id).id,
                              membership_of(self.coteacher.id, self.classroom.id).id],
            "role": ["teacher", "student"],
            "student_id": [self.poster.id, self.quiet.id, self.others[0].id],
            "direction": ["up", "down"],
            "action": ["dismiss", "hide"],
        }
        self.hidden: dict[str, dict[str, int]] = {}
        self._forum()
        self._prompts()
        self._reflections()
        self._wiki()
        self._notifications()
        self._account_links()
        self._corrections()
        db.session.commit()

    # -- the forum ---------------------------------------------------------------------------

    def _forum(self) -> None:
        general = forum_services.forums(self.classroom)[0]
        second = forum_services.create_forum(self.classroom, "Grammar questions", "Ask about grammar.")
        archived = forum_services.create_forum(self.classroom, "Last term", "")
        db.session.flush()
        made = []
        for n, (forum, starter) in enumerate([(general, self.teacher), (general, self.poster),
                                              (general, self.others[0]), (second, self.others[1]),
                                              (archived, self.teacher)]):
            thread = posts.start_thread(forum, starter, f"Thread {n + 1}: my weekend", TEXT)
            db.session.flush()
            made.append(thread)
        for thread in made:
            first = _opening(thread)
            top = [_reply(first, s, f"{TEXT} ({s.display_name})") for s in (self.poster, *self.others)]
            deep = top[0]
            for author in (self.teacher, self.others[0], self.poster, self.others[1], self.poster):
                deep = _reply(deep, author, f"Replying deeper. @{self.poster.display_name} what do you think?")
        forum_services.set_archived(archived, True)
        one, two, three = made[0], made[1], made[2]
        hidden_post = _reply(_opening(one), self.others[2], "This is not about the weekend at all.")
        moderation.set_hidden(hidden_post, True)
        deleted_post = _reply(_opening(one), self.poster, "I wrote this by mistake.")
        posts.delete_post(deleted_post)
        edited = _reply(_opening(two), self.poster, "First words.")
        posts.edit(edited, "Better words, after a second look.")
        moderation.set_locked(two, True)
        moderation.set_pinned(three, True)
        poster_post = db.session.scalar(select(Post).where(Post.thread_id == one.id, Post.author_id == self.poster.id,
                                                           Post.depth == 1))
        posts.mark_helpful(poster_post, self.others[0])
        posts.mark_helpful(poster_post, self.teacher)
        report = moderation.report(poster_post, self.others[1], "I do not understand this post.")
        done = moderation.report(edited, self.others[0], "Wrong thread?")
        moderation.resolve(done, self.teacher, "dismiss")
        db.session.flush()
        # Read marks on several threads, for several people (the forum list once failed on them).
        for person in (self.poster, self.others[0], self.teacher, self.coteacher):
            for thread in (one, two, three):
                threads.thread_page(_thread(thread.id), person)
        _reply(_opening(one), self.others[1], f"A new post after the others read the thread. @{self.quiet.display_name}, "
               f"@{self.coteacher.display_name}, what do you think?")
        elsewhere = posts.start_thread(forum_services.forums(self.other_class)[0], self.outsider, "Hello", TEXT)
        db.session.flush()
        _reply(_opening(elsewhere), self.other_teacher, "Welcome!")
        db.session.flush()
        self.threads = made
        self.values.update(
            forum_id=[general.id, second.id, archived.id],
            thread_id=[one.id, two.id, three.id, made[3].id],
            post_id=[poster_post.id, hidden_post.id, deleted_post.id, edited.id, _opening(one).id],
            report_id=[report.id, done.id],
        )
        self.values["media_key"] = [attach(poster_post).key]
        self.hidden["teacher hid it"] = {"post_id": hidden_post.id, "media_key": attach(hidden_post).key}

    # -- prompts -------------------------------------------------------------------------------

    def _prompts(self) -> None:
        now = self.now
        first = make_prompt(self.classroom, self.teacher, title="Is Skype good for practice?", post_first=True,
                            names_hidden=True, chat_at=now + timedelta(minutes=10), chat_minutes=30,
                            chat_url="https://meet.jit.si/roundtable", opens_at=now - timedelta(days=1),
                            closes_at=now + timedelta(days=3))
        plain = make_prompt(self.classroom, self.coteacher, title="Food around the world", one_topic=True,
                            opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=5),
                            first_post_due=now - timedelta(hours=3))
        closed = make_prompt(self.classroom, self.teacher, title="Our last trip", opens_at=now - timedelta(days=9),
                             closes_at=now - timedelta(days=2))
        later = make_prompt(self.classroom, self.teacher, title="Next week: music", opens_at=now + timedelta(days=7),
                            closes_at=now + timedelta(days=14))
        draft = make_prompt(self.classroom, self.teacher, publish=False, title="A draft: holidays")
        topic, other_topic = topic_thread(first, 0), topic_thread(first, 1)
        mine = _reply(_opening(topic), self.poster, TEXT)
        theirs = _reply(_opening(topic), self.others[0], TEXT + " I use it every week.")
        _reply(theirs, self.poster, "I agree with you because it is cheap.")
        _reply(mine, self.others[1], "Could you explain why?")
        _reply(_opening(other_topic), self.others[2], TEXT)
        food = topic_thread(plain, 0)
        _reply(_opening(food), self.poster, TEXT)
        _reply(_opening(food), self.others[0], TEXT)
        _reply(_opening(topic_thread(closed, 0)), self.poster, TEXT)
        _reply(_opening(topic_thread(later, 0)), self.coteacher, "Some words for later, by a teacher.")
        from app.prompts import services as prompt_services

        prompt_services.extend(closed, self.others[0].id, now + timedelta(days=1))
        for person in (self.poster, self.others[0]):
            threads.thread_page(_thread(topic.id), person)
        db.session.flush()
        self.prompts = {"post first": first, "plain": plain, "closed": closed, "later": later, "draft": draft}
        later_topic, draft_topic = topic_thread(later, 0), topic_thread(draft, 0)
        self.values.update(
            prompt_id=[first.id, plain.id, closed.id, later.id, draft.id],
        )
        self.values["thread_id"] += [topic.id, other_topic.id, food.id, later_topic.id, draft_topic.id]
        self.values["post_id"] += [theirs.id, _opening(later_topic).id]
        self.values["forum_id"] += [first.forum_id, later.forum_id, draft.forum_id]
        self.hidden["post first"] = {"post_id": theirs.id, "media_key": attach(theirs).key}
        self.hidden["not open yet"] = {"post_id": _opening(later_topic).id, "thread_id": later_topic.id,
                                       "forum_id": later.forum_id, "prompt_id": later.id,
                                       "media_key": attach(_opening(later_topic)).key}
        self.hidden["draft"] = {"post_id": _opening(draft_topic).id, "thread_id": draft_topic.id,
                                "forum_id": draft.forum_id, "prompt_id": draft.id,
                                "media_key": attach(_opening(draft_topic)).key}
        self.names_hidden_post = theirs

    # -- reflections and grades ------------------------------------------------------------------

    def _reflections(self) -> None:
        from tests.reflections.factories import settings

        now = self.now
        first, plain = self.prompts["post first"], self.prompts["plain"]
        reflections.save_prompt_settings(first, settings(opens_at=now - timedelta(hours=2),
                                                         due_at=now + timedelta(days=4), min_words=5))
        one, two, three = self.threads[:3]
        on = {
            "draft": reflections.assignment_of_thread(topic_thread(first, 0).id),
            "not started": reflections.assignment_of_thread(topic_thread(first, 1).id),
            "handed in": reflections.save_settings(self.classroom, one, None, settings(due_at=now + timedelta(days=2))),
            "late": reflections.save_settings(self.classroom, two, None, settings(due_at=now - timedelta(days=1),
                                                                                   rubric=[], points=10)),
            "returned": reflections.save_settings(self.classroom, topic_thread(plain, 0), plain,
                                                  settings(due_at=now + timedelta(days=3))),
            "graded": reflections.save_settings(self.classroom, three, None, settings()),
            "not open yet": reflections.save_settings(self.classroom, topic_thread(self.prompts["later"], 0),
                                                      self.prompts["later"], settings()),
            "opens later": reflections.save_settings(self.classroom, self.threads[3], None,
                                                     settings(opens_at=now + timedelta(days=1))),
            "draft prompt": reflections.save_settings(self.classroom, topic_thread(self.prompts["draft"], 0),
                                                      self.prompts["draft"], settings()),
        }
        db.session.flush()

        def write(state, person, hand_in=True):
            assignment = on[state]
            thread = db.session.get(Thread, assignment.thread_id)
            mine, grade = student.mine(assignment, person)
            return student.save(assignment, thread, person, f"My reflection on {thread.title}. " + TEXT,
                                hand_in=hand_in, now=now, reflection=mine, grade=grade)

        write("draft", self.poster, hand_in=False)
        write("draft", self.others[0])
        for state in ("handed in", "late", "returned", "graded"):
            for person in (self.poster, *self.others):
                write(state, person)
        db.session.flush()
        rubric_levels = {str(i): 0 for i in range(len(on["graded"].rubric))}
        for state, person in (("graded", self.poster), ("graded", self.others[0]), ("returned", self.poster),
                              ("handed in", self.others[1])):
            assignment = on[state]
            grade = grading.save_grade(assignment, person.id, self.teacher, grading.GradeInput(
                rubric_levels, adjustment=-1, reason="A day late", feedback="Clear. Add **one** new word next time."),
                complete=True)
            thread = db.session.get(Thread, assignment.thread_id)
            if state == "graded":
                grading.release([grade], self.teacher, thread)
            if state == "returned":
                reflection, _ = reflections.work_of(assignment, person.id)
                grading.return_for_revision(reflection, grade, "Please say more about the food.", self.teacher,
                                            thread)
        grading.save_grade(on["late"], self.others[2].id, self.teacher,
                           grading.GradeInput({}, points=None, feedback="half done"), complete=False)
        template = reflections.save_template(self.classroom, "Short rubric", settings().rubric[:2])
        db.session.flush()
        self.assignments = on
        self.values.update(assignment_id=[a.id for a in on.values()], template_id=[template.id])
        self.hidden["not open yet"]["assignment_id"] = on["not open yet"].id
        self.hidden["draft"]["assignment_id"] = on["draft prompt"].id

    # -- the wiki -------------------------------------------------------------------------------

    def _wiki(self) -> None:
        home = wiki.find_page(self.classroom, "home")
        wiki.save_edit(home, self.poster, home.current_revision_id, home.source + "\n\nSee [[Useful phrases]].",
                        "a link")
        phrases = wiki.create_page(self.classroom, self.others[0], "Useful phrases", "I agree with you.")
        for n, person in enumerate((self.poster, self.teacher, self.others[1])):
            wiki.save_edit(phrases, person, phrases.current_revision_id, phrases.source + f"\n\nPhrase {n}: I think…",
                            f"phrase {n}")
        renamed = wiki.create_page(self.classroom, self.poster, "Old title", "Words, words. [[Useful phrases]]")
        wiki.rename(renamed, "New title", self.teacher)
        locked = wiki.create_page(self.classroom, self.teacher, "Class rules", "Be kind.")
        wiki.set_locked(locked, True)
        gone = wiki.create_page(self.classroom, self.others[2], "Spam page", "Buy now.")
        wiki.set_deleted(gone, True)
        talk.start_talk(phrases, self.poster)
        talk_thread = talk.talk_thread(phrases)
        _reply(_opening(talk_thread), self.others[0], "Can we add phrases for disagreeing?")
        db.session.flush()
        self.values.update(slug=["home", phrases.slug, "old-title", renamed.slug, locked.slug, gone.slug, "no-such-page"],
                           number=[1, 2, 4])
        self.values["thread_id"].append(talk_thread.id)

    # -- notifications --------------------------------------------------------------------------

    def _notifications(self) -> None:
        """Each person's newest notification (see ``values_for``)."""
        rows = db.session.execute(select(Notification.user_id, Notification.id).order_by(Notification.id)).all()
        self.notification_of = dict(rows)
        people = {self.poster, self.quiet, self.teacher, self.coteacher, self.outsider}
        assert {p.id for p in people} <= set(self.notification_of), "everyone but the site admin has some"

    # -- one-time account links --------------------------------------------------------------------

    def _account_links(self) -> None:
        """A live password link of the quiet student's, and one that never existed."""
        from app.auth import tokens
        from app.auth.models import TokenPurpose

        live, _ = tokens.issue(self.quiet, TokenPurpose.RESET, email=self.quiet.email)
        self.values["token"] = [live, "no-such-link"]
        from app.notify.unsubscribe import make_token

        # stop-email links: the quiet student's reply e-mails of the class, the digest, and a forged one
        self.values["unsubscribe_token"] = [make_token(self.quiet.id, "reply", self.classroom.id),
                                            make_token(self.quiet.id, "digest"), "no-such-link"]
        self._invitations()

    def _invitations(self) -> None:
        """A pending invitation to the class, one that expired, and a link that never existed."""
        from app import clock
        from tests.invitations.factories import pending_invitation

        live, pending = pending_invitation(self.classroom, self.teacher, "new.student@example.com", "Nia New")
        old, expired = pending_invitation(self.classroom, self.teacher, "late@example.com", "")
        expired.expires_at = clock.now()
        self.values["invite_token"] = [live, old, "no-such-link"]
        self.values["invitation_id"] = [pending.id, expired.id]

    # -- for tests ------------------------------------------------------------------------------

    def _corrections(self) -> None:
        """Corrections of the poster's first post and handed-in reflection, and a class code."""
        from app.corrections import services as corrections

        post = db.session.get(Post, self.values["post_id"][0])
        text = corrections.post_text(post)
        found = corrections.add(text, self.teacher, words=post.source.split()[0], occurrence=1, code="SP",
                                better="Better", comment="Check the spelling.")
        corrections.add(text, self.teacher, words=post.source.split()[1], occurrence=1, code="Good!")
        reflection, _ = reflections.work_of(self.assignments["handed in"], self.poster.id)
        corrections.add(corrections.reflection_text(reflection, self.assignments["handed in"]), self.teacher,
                        words="reflection", occurrence=1, code="WW")
        corrections.answer(found, text, self.poster, "unclear")
        code = corrections.add_code(self.classroom.id, "COL", "Collocation", "These words do not go together.")
        db.session.flush()
        self.values.update(correction_id=[found.id], code_id=[code.id])

    def values_for(self, person) -> dict[str, list]:
        """``values``, with the visitor's own newest notification first and someone else's after it."""
        mine = self.notification_of.get(person.id) if person is not None else None
        theirs = self.notification_of[self.poster.id if person is not self.poster else self.teacher.id]
        return {**self.values, "notification_id": [n for n in (mine, theirs) if n is not None]}

    def people(self) -> dict[str, object | None]:
        """Who visits: every role, and nobody (logged out)."""
        return {"site admin": self.admin, "teacher": self.teacher, "co-teacher": self.coteacher,
                "student who posted": self.poster, "student who did not": self.quiet,
                "student of another class": self.outsider, "logged out": None}
