"""Every page, as every role: accessible, valid HTML, fits a phone, works with a keyboard.

The pages come from the app's routes: every GET route is visited as each role
that may see it (a visitor, a student, a teacher, a site admin), plus the error
pages and every form on those pages submitted empty (its error state). Each
page is checked with tools nobody on the team wrote:

* axe-core (``tests/a11y/node_modules/axe-core``) with the WCAG 2.2 A and AA
  rules, at 1280 px and at 360 px wide;
* the Nu Html Checker (``tests/a11y/node_modules/vnu-jar``, run with Java), on
  the HTML the server sent, all pages in one run;
* at 360×740 (each page is loaded at 1280 px, checked, then resized): nothing
  scrolls sideways, and every visible button and link is at least 24×24 CSS
  pixels (WCAG 2.5.8, with its exceptions, see ``PHONE_JS``);
* landmarks, one h1, a title naming the page and the class, visible labels and
  errors tied to their fields (``STRUCTURE_JS``);
* the other browser journeys again in a phone-sized, touch browser;
* one journey done with the keyboard only, with the focus always visible.

Install the tools with ``make a11y-tools`` (npm) and Java 17+. Without them
these tests are skipped with a reason; on CI (``CI`` set) they fail instead.

A new route whose URL needs a value this file cannot fill fails
``test_every_page_is_checked``: add a sample value to ``sample_values`` (and
seed the data in ``Site``), or list the endpoint in ``NOT_VISITED`` with the reason.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import url_for
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, LiveServer, log_in, screenshot

A11Y_DIR = Path(__file__).resolve().parents[1] / "a11y"
AXE_JS = A11Y_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = A11Y_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CSS_FILE = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"
ON_CI = bool(os.environ.get("CI"))

#: axe-core tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: axe "best practice" rules that the issue asks for too: landmarks, one h1, headings in order, skip link.
AXE_EXTRA_RULES = [
    "landmark-one-main", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main", "landmark-unique", "region", "page-has-heading-one", "heading-order",
    "empty-heading", "skip-link",
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
PASSWORD = "correct horse battery"
CLASS_NAME = "Evening English B1"

#: GET endpoints that are not visited, with the reason. Everything else is.
NOT_VISITED: dict[str, str] = {
    "main.healthz": "answers JSON for load balancers, not a page for people",
    "prompts.participation_csv": "a CSV download, not a page",
    "grading.gradebook_csv": "a CSV download, not a page",
    "mydata.download": "a zip download, not a page",
    "corrections.class_language_csv": "a CSV download, not a page",
    "media.serve": "a recording (audio/mp4), not a page; the thread page that plays it is checked (Site._seed_forum)",
}

#: GET endpoints visited again with these query arguments (a filled-in state of the page).
ALSO_WITH: dict[str, list[dict]] = {
    "search.results": [{"q": "weekend"}, {"q": "a"}, {"q": "weekend", "order": "newest"}, {"q": "weekand"}],
    # results with marked words; a query too short; newest first; "Did you mean"
}


# -- the tools ------------------------------------------------------------------

def _missing(reason: str):
    """Skip with ``reason`` locally; fail on CI, where every check must run."""
    if ON_CI:
        pytest.fail(f"{reason} (CI must run this check)", pytrace=False)
    pytest.skip(reason)


def _need_axe() -> str:
    if not AXE_JS.exists():
        _missing("axe-core is not installed: run `make a11y-tools` (needs npm)")
    return AXE_JS.read_text(encoding="utf-8")


def _need_vnu() -> list[str]:
    java = shutil.which("java")
    if not VNU_JAR.exists():
        _missing("the Nu Html Checker (vnu-jar) is not installed: run `make a11y-tools` (needs npm)")
    if java is None:
        _missing("Java is not installed, so the Nu Html Checker cannot run (Debian: apt-get install default-jre-headless)")
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


# -- the site -----------------------------------------------------------------------

class Site:
    """A live server with a class, its teacher and student, and a site admin."""

    def __init__(self, tmp_path: Path):
        self.server = LiveServer(tmp_path)
        self.url = self.server.url
        self.app = self.server.app
        self.server.run(self._seed)

    def _seed(self):
        from app.auth.services import register_user
        from app.classes.models import Membership, Role
        from app.classes.services import create_class
        from app.extensions import db

        teacher = register_user("tess@example.com", "Tess Teacher", PASSWORD)
        student = register_user("sam@example.com", "Sam Student", PASSWORD)
        register_user("ada@example.com", "Ada Admin", PASSWORD, is_admin=True)
        classroom = create_class(teacher, CLASS_NAME, "We keep talking between lessons.")
        db.session.flush()
        membership = Membership(classroom_id=classroom.id, user_id=student.id, role=Role.STUDENT)
        db.session.add(membership)
        db.session.flush()
        self.class_id = classroom.id
        self.join_code = classroom.join_code
        self.student_membership_id = membership.id
        self.values = {"class_id": classroom.id, "membership_id": membership.id, "role": "teacher"}
        self.per_role: dict[str, dict] = {"student": {}, "teacher": {}}
        if "forum" in self.app.blueprints:
            self._seed_forum(classroom, teacher, student)
        if "prompts" in self.app.blueprints:
            self._seed_prompts(classroom, teacher, student)
        if "wiki" in self.app.blueprints:
            self._seed_wiki(classroom, teacher, student)
        if "reflections" in self.app.blueprints:
            self._seed_reflections(classroom, teacher, student)
        if "grading" in self.app.blueprints:
            self._seed_grading(classroom, teacher, student)
        if "drafts" in self.app.blueprints and "forum" in self.app.blueprints:
            self._seed_drafts(classroom, teacher, student)
        if "mail" in self.app.blueprints:
            self._seed_mail(student)
        if "invitations" in self.app.blueprints:
            self._seed_invitations(classroom, teacher)
        if "corrections" in self.app.blueprints and "forum" in self.app.blueprints:
            self._seed_corrections(classroom, teacher, student)

    def _seed_invitations(self, classroom, teacher):
        """Two pending invitations (the teacher's list; a visitor sees the link's page and its form)."""
        from tests.invitations.factories import pending_invitation

        self.values["invite_token"], invitation = pending_invitation(classroom, teacher, "nia@example.com", "Nia New")
        pending_invitation(classroom, teacher, "leo@example.com", "")
        self.values["invitation_id"] = invitation.id

    def _seed_corrections(self, classroom, teacher, student):
        """Two corrections of the student's thread opening (one answered "I don't understand"),
        so the thread, the corrections page and "My language" show marks and lists; a class code."""
        from app.corrections import services
        from app.extensions import db
        from app.forum.models import Post

        post = db.session.get(Post, self.values["post_id"])
        text = services.post_text(post)
        first = services.add(text, teacher, words="walk by", occurrence=1, code="PREP", better="walk along",
                             comment="“Along” the river: you follow it.")
        services.add(services.post_text(post), teacher, words="Saturday morning", occurrence=1, code="ART",
                     better="on a Saturday morning")
        services.answer(first, services.post_text(post), student, "unclear")
        code = services.add_code(classroom.id, "COL", "Collocation", "These words do not usually go together.")
        db.session.flush()
        self.values.update(correction_id=first.id, code_id=code.id)

    def _seed_drafts(self, classroom, teacher, student):
        """Server drafts of both: a reply to the thread's first post (its reply page shows the draft
        given back), and for the student a wiki edit, so "Your drafts" lists two."""
        from app.drafts import services
        from app.wiki import services as pages

        home = pages.find_page(classroom, "home")
        with self.app.test_request_context():
            for user in (student, teacher):
                services.autosave(user, f"reply-to-post-{self.values['post_id']}", "A reply I have not finished.")
            services.autosave(student, f"wiki-edit-{home.id}-from-{home.current_revision_id}", "New words for the page.")

    def _seed_mail(self, student):
        """A reset link for the student (its page shows the form; the other one-time links say
        they do not work), and an e-mail with links in the development outbox."""
        from app.auth import recovery, tokens
        from app.auth.models import TokenPurpose

        self.values["token"], _ = tokens.issue(student, TokenPurpose.RESET, email=student.email)
        recovery.request_reset(student.email)  # written, not sent: nothing wakes the worker here
        if "notify" in self.app.blueprints:
            from app.notify.unsubscribe import make_token

            with self.app.app_context():  # the page with its button ("stop reply e-mails" of the class)
                self.values["unsubscribe_token"] = make_token(student.id, "reply", self.class_id)

    def _seed_wiki(self, classroom, teacher, student):
        """The home page edited once by the student, so history and compare show two versions."""
        from app.wiki import services

        home = services.find_page(classroom, "home")
        services.save_edit(home, student, home.current_revision_id, home.source + "\nI added [[A new page]].", "added a link")
        self.values.update(slug="home", number=1)

    def _seed_reflections(self, classroom, teacher, student):
        """A reflection on the prompt's topic (open since an hour ago, due tomorrow) with the
        student's draft, and a saved rubric."""
        from datetime import timedelta

        from app import clock
        from app.extensions import db
        from app.prompts.services import get_prompt
        from app.reflections import services
        from tests.prompts.factories import topic_thread
        from tests.reflections.factories import settings, write_reflection

        prompt = get_prompt(classroom, self.values["prompt_id"], teacher=True)
        assignment = services.save_settings(classroom, topic_thread(prompt), prompt, settings(
            opens_at=clock.now() - timedelta(hours=1), due_at=clock.now() + timedelta(days=1), min_words=20))
        write_reflection(assignment, student, "Our group talked about *video calls*.", hand_in=False)
        template = services.save_template(classroom, "Short rubric", settings().rubric[:2])
        db.session.flush()
        self.values.update(assignment_id=assignment.id, template_id=template.id)

    def _seed_grading(self, classroom, teacher, student):
        """The student's reflection graded and released (on the reflections seed's assignment, or a
        new one on the forum thread), so the queue, grading, feedback and gradebook pages have content."""
        from sqlalchemy import select

        from app.extensions import db
        from app.forum.models import Thread
        from app.grading import services
        from app.reflections.models import Assignment, Reflection
        from tests.grading.factories import hand_in, make_assignment

        assignment = db.session.get(Assignment, self.values["assignment_id"]) if "assignment_id" in self.values else None
        if assignment is None:
            assignment = make_assignment(classroom, db.session.get(Thread, self.values["thread_id"]))
        if db.session.scalar(select(Reflection.id).where(Reflection.assignment_id == assignment.id,
                                                         Reflection.student_id == student.id)) is None:
            hand_in(assignment, student)
        grade = services.save_grade(assignment, student.id, teacher, services.GradeInput(
            {str(i): 0 for i in range(len(assignment.rubric))}, points=None if assignment.rubric else assignment.points,
            adjustment=-1, reason="One day late", feedback="Clear summary. Next time, add **one** new word."),
            complete=True)
        services.release([grade], teacher, db.session.get(Thread, assignment.thread_id))
        db.session.flush()
        self.values.update(assignment_id=assignment.id, student_id=student.id)

    def _seed_prompts(self, classroom, teacher, student):
        """An open prompt with a live chat, and a first post by the student in a topic."""
        from datetime import timedelta

        from app import clock
        from tests.prompts.factories import make_prompt, topic_thread, words, write

        now = clock.now()
        prompt = make_prompt(classroom, teacher, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=3),
                             chat_at=now + timedelta(minutes=10), chat_minutes=30, chat_url="https://meet.jit.si/x",
                             post_first=True, names_hidden=True)
        write(topic_thread(prompt), student, words(12))
        self.values.update(prompt_id=prompt.id)

    def _seed_forum(self, classroom, teacher, student):
        """A thread started by the student, a reply by the teacher, the student's answer to it,
        an edit (so the history has a version), a report (so the queue has a row) and a
        notification for each of them."""
        from sqlalchemy import select

        from app.extensions import db
        from app.forum import moderation, posts, services
        from app.forum.models import Notification, Post

        words = "I like to walk by the river on Saturday morning and then I meet my friends for coffee in town."
        forum = services.forums(classroom)[0]
        thread = posts.start_thread(forum, student, "What do you do at the weekend?", words)
        db.session.flush()
        thread = services.get_thread(classroom, thread.id)  # with its forum loaded
        opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.parent_id.is_(None)))
        answer = posts.reply(opening, thread, teacher, "That sounds lovely. Which café do you like best? " + words)
        posts.reply(answer, thread, student, "The small one near the bridge, because it is quiet. " + words)
        posts.edit(opening, words + " Sometimes I also read a book in the park.")
        moderation.report(answer, student, "I think this reply is in the wrong thread.")
        db.session.flush()
        self.values.update(forum_id=forum.id, thread_id=thread.id, post_id=opening.id)
        if "media" in self.app.blueprints:  # a voice reply with its transcript, so the player is checked
            from tests.media.factories import attach

            self.values["media_key"] = attach(answer, transcript="That sounds lovely. Which café do you like best?").key
        for role, user in (("student", student), ("teacher", teacher)):
            note = db.session.scalar(select(Notification).where(Notification.user_id == user.id))
            if note is not None:
                self.per_role[role]["notification_id"] = note.id

    def sample_values(self, role: str | None = None) -> dict:
        """A value for every URL argument of a GET page, all inside the seeded class.

        ``role`` adds values that belong to one person (their own notification)."""
        return {**self.values, **self.per_role.get(role, {})}

    def stop(self):
        self.server.stop()


ROLES = {  # who visits pages of each access level
    "visitor": ("public",),
    "student": ("public", "user", "member"),
    "teacher": ("public", "user", "member", "teacher"),
    "admin": ("admin",),
}
EMAILS = {"student": "sam@example.com", "teacher": "tess@example.com", "admin": "ada@example.com"}


def get_routes(app) -> list[tuple[str, str]]:
    """(endpoint, access level) of every GET route except static files."""
    found = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "GET" not in rule.methods:
            continue
        found[rule.endpoint] = getattr(app.view_functions[rule.endpoint], "access", None)
    return sorted(found.items())


def plan_pages(site: Site) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The (role, name, path) of every page to visit, and the problems that stop it."""
    problems, pages = [], []
    for endpoint, level in get_routes(site.app):
        if endpoint in NOT_VISITED:
            continue
        if level is None:
            problems.append(f"{endpoint} has no access decorator (see app/permissions.py)")
            continue
        rule = next(site.app.url_map.iter_rules(endpoint))
        for role, levels in ROLES.items():
            if level not in levels:
                continue
            values = site.sample_values(role)
            missing = sorted(a for a in rule.arguments if a not in values)
            if missing:
                problems.append(
                    f"{endpoint} ({rule.rule}) as {role} needs a sample value for {', '.join(missing)}: add it to "
                    f"Site.sample_values in {Path(__file__).name} (seed the data in Site._seed), or list {endpoint!r} "
                    f"in NOT_VISITED with the reason")
                continue
            with site.app.test_request_context():
                args = {a: values[a] for a in rule.arguments}
                pages.append((role, endpoint, url_for(endpoint, **args)))
                for query in ALSO_WITH.get(endpoint, []):
                    pages.append((role, f"{endpoint} {query}", url_for(endpoint, **args, **query)))
    return pages, problems


@dataclass
class Visit:
    role: str
    name: str
    url: str
    width: int
    status: int = 0
    html: str = ""
    axe: list[dict] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    structure: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.name} as {self.role} ({urlsplit(self.url).path})"


# -- checks run inside the page --------------------------------------------------------

AXE_RUN_JS = """async ([tags, extra]) => {
  const rules = Object.fromEntries(extra.map((id) => [id, {enabled: true}]));
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules, resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('').trim()),
  }));
}"""

#: No sideways scrolling, and WCAG 2.5.8 target size (minimum 24×24 CSS px) with its
#: exceptions: *inline* (a link inside a sentence of text), *spacing* (a 24 px circle
#: centred on a small target touches no other target nor another small target's circle),
#: and *user agent control* (targets the browser draws itself, here none are styled that way).
#: Hidden targets (display: none, visibility: hidden, moved off-screen such as the skip
#: link before it gets focus) are not on the screen and so are not measured.
PHONE_JS = """() => {
  const problems = [];
  const doc = document.documentElement;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.className && typeof el.className === 'string') s += '.' + el.className.trim().split(/\\s+/).join('.');
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  if (innerWidth !== 360) problems.push(`the window is ${innerWidth}px wide, not 360px`);
  const overflow = doc.scrollWidth - doc.clientWidth;
  if (overflow > 0) {
    const wide = [...document.body.querySelectorAll('*')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > doc.clientWidth + 1;
    }).slice(0, 5).map(describe);
    problems.push(`scrolls sideways by ${overflow}px; too wide: ${wide.join('; ')}`);
  }
  const selector = 'a[href], button, input[type=submit], input[type=button], input[type=reset], input[type=image], ' +
    'input[type=checkbox], input[type=radio], select, summary, [role=button], [role=link], [tabindex]:not([tabindex="-1"])';
  const targets = [...document.querySelectorAll(selector)].filter((el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // checkVisibility(): links inside a closed <details> (the header's menus) keep boxes but are not shown.
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && r.right > 0 && r.bottom > 0 &&
      r.left < doc.clientWidth && el.checkVisibility();
  });
  const isTarget = (node) => node.nodeType === 1 && targets.includes(node);
  const blockOf = (el) => {
    let b = el.parentElement;
    while (b && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement;
    return b;
  };
  const sentenceText = (node) => {  // the text around targets in the same line boxes
    let text = '';
    for (const child of node.childNodes) {
      if (child.nodeType === 3) text += child.textContent;
      else if (child.nodeType === 1 && !isTarget(child) && getComputedStyle(child).display.startsWith('inline'))
        text += sentenceText(child);
    }
    return text;
  };
  const inSentence = (el) => {
    const block = blockOf(el);
    return !!block && /[A-Za-z0-9]/.test(sentenceText(block)) && getComputedStyle(el).display.startsWith('inline');
  };
  const rects = targets.map((el) => el.getBoundingClientRect());
  const small = targets.map((el, i) => rects[i].width < 24 - 0.01 || rects[i].height < 24 - 0.01);
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const circleHitsRect = ([cx, cy], r) => {
    const dx = Math.max(r.left - cx, 0, cx - r.right), dy = Math.max(r.top - cy, 0, cy - r.bottom);
    return dx * dx + dy * dy < 12 * 12;
  };
  targets.forEach((el, i) => {
    if (!small[i] || inSentence(el)) return;
    const c = centre(rects[i]);
    const clash = targets.find((other, j) => j !== i && !other.contains(el) && !el.contains(other) && (
      circleHitsRect(c, rects[j]) ||
      (small[j] && Math.hypot(c[0] - centre(rects[j])[0], c[1] - centre(rects[j])[1]) < 24)));
    if (clash) {
      problems.push(`target smaller than 24×24 (${Math.round(rects[i].width)}×${Math.round(rects[i].height)}) and too close to ${describe(clash)}: ${describe(el)}`);
    }
  });
  // No word in a table cell is split over two lines ("St/ud/en/t").
  for (const cell of document.querySelectorAll('td, th')) {
    if (cell.getBoundingClientRect().width < 4) continue;  // a heading row hidden for screen readers only
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, letters = /[A-Za-z]{2,}/g;
      let match;
      while ((match = letters.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) { problems.push(`a word breaks over two lines in a table cell: "${match[0]}" in ${describe(cell)}`); break; }
      }
    }
  }
  return problems;
}"""

#: What the issue asks of every page beyond axe: landmarks, one h1, a title that names the
#: page (and the class, inside a class), a visible label for every field, errors tied to
#: their fields with aria-describedby and announced (role=alert or a live region).
STRUCTURE_JS = """(className) => {
  const problems = [];
  for (const sel of ['header', 'nav', 'main', 'footer']) {
    if (!document.querySelector(sel)) problems.push(`no <${sel}> landmark`);
  }
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} h1 headings (want exactly one)`);
  const title = document.title.trim();
  if (!title || title.startsWith('·') || !title.includes('Roundtable')) problems.push(`weak title: "${title}"`);
  if (/^\\/classes\\/\\d+\\//.test(location.pathname) && !title.includes(className))
    problems.push(`the title "${title}" does not name the class`);
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  for (const f of document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea')) {
    if (!visible(f)) continue;
    const by = (f.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean).map((id) => document.getElementById(id));
    if (![...f.labels].some(visible) && !by.some(visible)) problems.push(`field ${f.name} has no visible label`);
  }
  for (const f of document.querySelectorAll('[aria-invalid=true]')) {
    const described = (f.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean).map((id) => document.getElementById(id));
    const error = described.find((el) => el && el.textContent.trim() && el.closest('[role=alert], [aria-live], [role=status]'));
    if (!error) problems.push(`field ${f.name} is marked invalid but no announced error is tied to it with aria-describedby`);
  }
  return problems;
}"""

#: Is the focused element visibly marked? (an outline or a box-shadow ring, and on screen)
#: A player's own buttons (play, the timeline, volume) are inside the browser's shadow root:
#: the player itself then has the focus inside it and draws the ring (``audio:focus-within``).
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {ok: false, what: 'nothing has focus'};
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const what = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.innerText || el.value || '').trim().slice(0, 30) + '"';
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  const focused = el.matches(':focus-visible') || (el.matches('audio, video') && el.matches(':focus-within'));
  return {ok: ring && onScreen && focused, what, ring, onScreen};
}"""


# -- the crawl ---------------------------------------------------------------------------

class Crawl:
    """Visit every page once per role and viewport; keep what the checks need."""

    def __init__(self, browser, site: Site, axe_source: str | None):
        self.browser, self.site, self.axe_source = browser, site, axe_source
        self.visits: list[Visit] = []
        self.problems: list[str] = []
        self.seconds = self.axe_seconds = self.inject_seconds = self.own_seconds = 0.0

    def context(self, role: str):
        context = self.browser.new_context(viewport=DESKTOP, locale="en-GB")
        context.set_default_timeout(10_000)
        page = context.new_page()
        if role != "visitor":
            log_in(page, self.site.url, EMAILS[role], PASSWORD)
            assert urlsplit(page.url).path == "/", f"{role} could not log in: {page.url}"
        return context, page

    def check(self, page, role: str, name: str, response) -> None:
        """Check the loaded page at 1280 px, then resize it to 360×740 and check it again."""
        status = response.status if response else 0
        html = ""
        if response is not None:
            try:
                html = response.text()
            except Exception:  # noqa: BLE001 - a redirect's body is gone; the DOM is the next best thing
                html = page.content()
        for viewport in (DESKTOP, PHONE):
            visit = Visit(role, name, page.url, viewport["width"], status, html)
            if viewport is PHONE:
                page.set_viewport_size(PHONE)
                page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
            elif status >= 500:
                self.problems.append(f"{visit.label}: the server answered {status}")
            if self.axe_source:
                t0 = time.monotonic()
                if not page.evaluate("() => typeof window.axe === 'object'"):
                    page.evaluate(self.axe_source)
                t1 = time.monotonic()
                visit.axe = page.evaluate(AXE_RUN_JS, [AXE_TAGS, AXE_EXTRA_RULES])
                self.axe_seconds += time.monotonic() - t1
                self.inject_seconds += t1 - t0
            t2 = time.monotonic()
            if viewport is PHONE:
                visit.phone = page.evaluate(PHONE_JS)
            else:
                visit.structure = page.evaluate(STRUCTURE_JS, CLASS_NAME)
            self.own_seconds += time.monotonic() - t2
            self.visits.append(visit)
        page.set_viewport_size(DESKTOP)

    def run(self) -> None:
        started = time.monotonic()
        pages, self.problems = plan_pages(self.site)
        teacher_only = next((p for r, _, p in pages if r == "teacher" and not any(
            r2 == "student" and p2 == p for r2, _, p2 in pages)), None)
        for role in ROLES:
            context, page = self.context(role)
            seen: set[str] = set()
            forms_done: set[str] = set()
            mine = [(name, path) for r, name, path in pages if r == role]
            extra = [("error 404", "/no-such-page")]
            if role == "student" and teacher_only:
                extra.append(("error 403", teacher_only))
            for name, path in mine + extra:
                response = page.goto(self.site.url + path)
                if page.url in seen:
                    continue  # a redirect to a page already checked (the login page, say)
                seen.add(page.url)
                if response is not None and "html" not in response.headers.get("content-type", ""):
                    self.problems.append(
                        f"{name} ({path}) answers {response.headers.get('content-type')}, not a page: "
                        f"list it in NOT_VISITED with the reason")
                    continue
                self.check(page, role, name, response)
                self.submit_forms(page, role, name, path, forms_done)
            if role == "visitor":
                self.wrong_login(page)
            context.close()
        self.seconds = time.monotonic() - started

    def submit_forms(self, page, role: str, name: str, path: str, done: set[str]) -> None:
        """Submit every form that has fields to fill, empty, to see its error state."""
        forms = page.evaluate("""() => [...document.querySelectorAll('form')].map((f, i) => ({
            i, action: f.getAttribute('action') || location.pathname, method: (f.method || 'get').toLowerCase(),
            fields: [...f.elements].filter((e) => (e.tagName === 'TEXTAREA' || (e.tagName === 'INPUT' &&
              !['hidden', 'submit', 'button', 'reset', 'checkbox', 'radio', 'file', 'image'].includes(e.type)))).length,
          }))""")
        for form in forms:
            key = f"{form['method']} {form['action']}"
            if form["method"] != "post" or not form["fields"] or key in done:
                continue
            done.add(key)
            if urlsplit(page.url).path != path:
                page.goto(self.site.url + path)
            with page.expect_navigation() as nav:
                page.evaluate("""(i) => {
                  const form = document.querySelectorAll('form')[i];
                  form.noValidate = true;
                  for (const e of form.elements) {
                    if (e.tagName === 'TEXTAREA' || (e.tagName === 'INPUT' && !['hidden', 'submit', 'button', 'reset',
                        'checkbox', 'radio', 'file', 'image'].includes(e.type))) e.value = '';
                  }
                  const submit = [...form.querySelectorAll('button:not([type]), button[type=submit], input[type=submit]')]
                    .find((b) => !b.hasAttribute('formnovalidate') && !b.hasAttribute('hx-post') && !b.hasAttribute('data-hx-post'));
                  form.requestSubmit(submit || undefined);
                }""", form["i"])
            self.check(page, role, f"{name}: form {form['action']} sent empty", nav.value)

    def wrong_login(self, page) -> None:
        """The login form with a wrong password, and the join form with a wrong code (as a student)."""
        page.goto(self.site.url + "/account/login")
        page.get_by_label("Email").fill("sam@example.com")
        page.get_by_label("Password").fill("not the password")
        with page.expect_navigation() as nav:
            page.get_by_role("button", name="Log in").click()
        self.check(page, "visitor", "login with a wrong password", nav.value)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    server = Site(tmp_path_factory.mktemp("a11y"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crawl(browser, site):
    axe_source = AXE_JS.read_text(encoding="utf-8") if AXE_JS.exists() else None
    result = Crawl(browser, site, axe_source)
    result.run()
    return result


def _pages_report(visits: list[Visit], problems_of) -> str:
    lines = []
    for visit in visits:
        for problem in problems_of(visit):
            lines.append(f"- {visit.label} at {visit.width}px: {problem}")
    return "\n".join(lines)


# -- the tests -------------------------------------------------------------------------------

def test_every_page_is_checked(site, crawl):
    """Every GET route is visited (or listed in NOT_VISITED with a reason) and answers without a server error."""
    _, problems = plan_pages(site)
    assert not problems, "Some pages cannot be checked:\n" + "\n".join(problems)
    assert not crawl.problems, "\n".join(crawl.problems)
    endpoints = {e for e, _ in get_routes(site.app)}
    stale = sorted(set(NOT_VISITED) - endpoints)
    assert not stale, f"NOT_VISITED names routes that no longer exist: {stale}"
    visited = {v.name for v in crawl.visits}
    assert {"error 404", "error 403", "login with a wrong password"} <= visited
    assert any("sent empty" in v.name for v in crawl.visits)


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_pages_pass_axe(crawl, width):
    """axe-core finds no WCAG 2.2 A/AA violation on any page."""
    if crawl.axe_source is None:
        _need_axe()
    visits = [v for v in crawl.visits if v.width == width]
    report = _pages_report(visits, lambda v: [
        f"[{a['id']}] {a['help']} → {' | '.join(a['targets'])}" for a in v.axe])
    print(f"\naxe-core checked {len(visits)} pages at {width}px (crawl of {len(crawl.visits)} pages: "
          f"{crawl.seconds:.1f}s, of which axe.run {crawl.axe_seconds:.1f}s, injecting axe {crawl.inject_seconds:.1f}s, "
          f"own checks {crawl.own_seconds:.1f}s)")
    assert not report, f"axe-core found accessibility problems:\n{report}"


def test_pages_have_landmarks_titles_labels_and_tied_errors(crawl):
    """Landmarks, one h1, a title naming the page and class, visible labels, errors tied to fields."""
    visits = [v for v in crawl.visits if v.width == DESKTOP["width"]]
    assert visits
    report = _pages_report(visits, lambda v: v.structure)
    assert not report, f"Pages that miss what every page must have:\n{report}"


def test_pages_are_valid_html(crawl, tmp_path):
    """The Nu Html Checker finds no error in any page the server sent (one Java run for all)."""
    command = _need_vnu()
    files = {}
    for n, visit in enumerate(v for v in crawl.visits if v.width == DESKTOP["width"]):
        slug = re.sub(r"[^a-z0-9]+", "-", visit.label.lower()).strip("-")[:80]
        path = tmp_path / f"{n:03d}-{slug}.html"
        path.write_text(visit.html, encoding="utf-8")
        files[str(path)] = visit.label
    css = tmp_path / "site.css"
    shutil.copyfile(CSS_FILE, css)
    files[str(css)] = "static/css/site.css"
    # A canary with one known error proves that the checker really read the files.
    canary = tmp_path / "zzz-canary.html"
    canary.write_text('<!doctype html><html lang="en"><title>x</title><ul><div></div></ul></html>', encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run([*command, "--format", "json", "--stdout", "--also-check-css", *sorted(files), str(canary)],
                            capture_output=True, text=True, timeout=300)
    print(f"\nNu Html Checker: {len(files)} files in {time.monotonic() - started:.1f}s")
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu Html Checker did not answer JSON:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    where = lambda m: m.get("url", "").removeprefix("file:")  # noqa: E731
    assert any(where(m) == str(canary) for m in messages), f"the Nu Html Checker missed the canary: {result.stdout[:2000]}"
    # Errors fail; warnings (info messages with subType "warning") are advice, printed for people to read.
    # The same mistake on many pages is reported once, with the pages it is on.
    errors: dict[str, dict] = {}
    warnings: dict[str, set] = {}
    for m in messages:
        if where(m) == str(canary):
            continue
        label = files.get(where(m), m.get("url", "?"))
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal":
            seen = errors.setdefault(m.get("message", "?"), {
                "pages": set(), "first": f"{label}, line {m.get('lastLine', '?')}: {m.get('extract', '').strip()[:160]!r}"})
            seen["pages"].add(label.split(" (")[0])
        elif m.get("subType") == "warning":
            warnings.setdefault(m.get("message", "?"), set()).add(label.split(" (")[0])
    if warnings:
        print("Nu Html Checker warnings (advice, not failures):\n" + "\n".join(
            f"- {message} ({len(pages)} pages, e.g. {sorted(pages)[0]})" for message, pages in sorted(warnings.items())))
    report = [f"- {message}\n    first seen in {e['first']}\n    on: {', '.join(sorted(e['pages']))}"
              for message, e in sorted(errors.items())]
    assert not report, "The Nu Html Checker found errors:\n" + "\n".join(report)


def test_pages_fit_a_phone(crawl):
    """At 360×740 no page scrolls sideways and every button and link is at least 24×24 px."""
    visits = [v for v in crawl.visits if v.width == PHONE["width"]]
    assert visits
    report = _pages_report(visits, lambda v: v.phone)
    assert not report, f"Pages that do not fit a phone:\n{report}"


#: The main pages, photographed at 360 and 1280 px: (file name, who, endpoint, the URL values it needs).
MAIN_PAGES = [
    ("class-home", "student", "classes.home", ()), ("thread", "student", "forum.thread", ("thread_id",)),
    ("forums", "student", "forum.forums", ()), ("prompt", "student", "prompts.prompt", ("prompt_id",)),
    ("reflection", "student", "reflections.write", ("assignment_id",)), ("wiki-page", "student", "wiki.page", ("slug",)),
    ("my-grades", "student", "grading.my_grades", ()),
    ("class-home-teacher", "teacher", "classes.home", ()), ("gradebook", "teacher", "grading.gradebook", ()),
    ("grading", "teacher", "grading.grade", ("assignment_id", "student_id")),
    ("prompt-form", "teacher", "prompts.edit", ("prompt_id",)), ("members", "teacher", "classes.members", ()),
]


def test_screenshots_of_the_main_pages(browser, site):
    """Screenshots at 360 and 1280 px for people to look at, in tests/artifacts/ (issue 15)."""
    shots = [(name, who, endpoint, {key: site.values[key] for key in keys})
             for name, who, endpoint, keys in MAIN_PAGES
             if endpoint in site.app.view_functions and all(key in site.values for key in keys)]
    for viewport in (PHONE, DESKTOP):
        for who in ("student", "teacher"):
            context = browser.new_context(viewport=viewport, locale="en-GB", is_mobile=viewport is PHONE,
                                          has_touch=viewport is PHONE)
            page = context.new_page()
            log_in(page, site.url, EMAILS[who], PASSWORD)
            for name, _, endpoint, values in (shot for shot in shots if shot[1] == who):
                with site.app.test_request_context():
                    page.goto(site.url + url_for(endpoint, class_id=site.class_id, **values))
                assert page.url.startswith(site.url + "/classes/"), page.url
                screenshot(page, f"{name}-{viewport['width']}")
            context.close()
    assert any(name == "class-home" for name, *_ in shots)
    for name, *_ in shots:
        assert (ARTIFACTS / f"{name}-360.png").exists() and (ARTIFACTS / f"{name}-1280.png").exists()


def _journeys() -> list:
    """Every browser journey in tests/browser/ that takes (live_server, new_page), to run again on a phone."""
    import importlib
    import inspect

    found = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        module = importlib.import_module(f"tests.browser.{path.stem}")
        for name, fn in vars(module).items():
            if (name.startswith("test_") and inspect.isfunction(fn) and fn.__module__ == module.__name__
                    and list(inspect.signature(fn).parameters) == ["live_server", "new_page"]):
                found.append(pytest.param(module, name, id=f"{path.stem}::{name}"))
    return found


@pytest.mark.parametrize(("module", "name"), _journeys())
def test_journey_on_a_phone(module, name, live_server, new_page, monkeypatch):
    """The feature journeys again at 360×740; every page they leave open must fit the phone."""
    pages = []

    def phone_page(**kwargs):
        page = new_page(**{"viewport": PHONE, "is_mobile": True, "has_touch": True, **kwargs})
        pages.append(page)
        return page

    if hasattr(module, "screenshot"):  # keep the desktop screenshots; add "-360" ones
        monkeypatch.setattr(module, "screenshot", lambda page, shot: screenshot(page, f"{shot}-360"))
    getattr(module, name)(live_server, phone_page)
    problems = [f"{p.url}: {problem}" for p in pages if not p.is_closed() for problem in p.evaluate(PHONE_JS)]
    assert not problems, "At 360 px:\n" + "\n".join(problems)


def _tab_to(page, locator, steps: list[str], limit: int = 40) -> None:
    """Press Tab until ``locator`` has focus; the focus must be visible at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        steps.append(focus["what"])
        assert focus["ok"], f"focus is not visible on {focus} (after {' → '.join(steps[-5:])})"
        if locator.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} not reached with Tab after {limit} presses: {' → '.join(steps)}")


def test_keyboard_journey(browser, site):
    """With the keyboard only: log in, join a class (a wrong code first), open a thread, reply, post.

    Every Tab stop must show a visible focus ring on an element that is on screen."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    steps: list[str] = []
    page.goto(site.url + "/")
    _tab_to(page, page.get_by_role("link", name="Skip to main content"), steps)
    page.keyboard.press("Enter")
    _tab_to(page, page.locator("main").get_by_role("link", name="Log in"), steps)
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/login")
    _tab_to(page, page.get_by_label("Email"), steps)
    page.keyboard.type("sam@example.com")
    _tab_to(page, page.get_by_label("Password"), steps)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + "/")
    _tab_to(page, page.get_by_role("link", name="Join a class"), steps)
    page.keyboard.press("Enter")
    page.wait_for_url("**/classes/join")
    _tab_to(page, page.get_by_label("Join code"), steps)
    page.keyboard.type("WRONG234")
    _tab_to(page, page.get_by_role("button", name="Join class"), steps)
    with page.expect_navigation():  # the POST's answer, not the join page it was sent from
        page.keyboard.press("Enter")
    # The error is announced and tied to the field; the field keeps what was typed.
    code = page.get_by_label("Join code")
    assert "We cannot find a class" in page.locator("#" + code.get_attribute("aria-describedby").split()[-1]).inner_text()
    assert code.get_attribute("aria-invalid") == "true"
    _tab_to(page, code, steps)
    page.keyboard.press("Control+A")
    page.keyboard.type(site.join_code.lower())
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/classes/{site.class_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(CLASS_NAME)
    if "forum.thread" not in site.app.view_functions:
        context.close()
        return
    # Open the thread through the class's forum list, answer the teacher, and post the reply.
    _tab_to(page, page.locator("main").get_by_role("link", name="General discussion"), steps)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/forums/\d+$"))
    _tab_to(page, page.get_by_role("link", name="What do you do at the weekend?"), steps)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/threads/\d+.*"))
    _tab_to(page, page.get_by_role("link", name="Reply to Tess Teacher"), steps)
    page.keyboard.press("Enter")
    reply = page.get_by_label("Your reply")
    reply.wait_for()
    _tab_to(page, reply, steps)
    text = "I go to the café by the station on Sunday because it has good cake and big windows to watch the rain."
    page.keyboard.type(text)
    _tab_to(page, page.get_by_role("button", name="Post reply"), steps)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/threads/\d+.*#post-\d+$"))
    expect(page.get_by_text(text)).to_be_visible()
    context.close()
