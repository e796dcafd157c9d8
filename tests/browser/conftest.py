"""Browser tests: Playwright driving Chromium against a live server.

Chromium comes from Debian (/usr/bin/chromium) or, where present, from a
Playwright install. Without a browser these tests are skipped with a reason.
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def find_chromium() -> str | None:
    """Debian's Chromium, or None to let Playwright use its own if installed."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def _playwright_has_own_browser() -> bool:
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache" / "ms-playwright"))
    return any(cache.glob("chromium*"))


CHROMIUM = find_chromium()


def pytest_collection_modifyitems(config, items):
    if CHROMIUM or _playwright_has_own_browser():
        return
    skip = pytest.mark.skip(reason="no Chromium found: install Debian's chromium (apt-get install chromium) to run browser tests")
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS, "headless": True}
    if CHROMIUM:
        args["executable_path"] = CHROMIUM
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


class LiveServer:
    """The app served on 127.0.0.1 in a thread, on a fresh SQLite database.

    Its e-mail links start with its own address; pass ``MAIL_PORT`` (the ``smtp_server``
    fixture's) to read what it sends."""

    def __init__(self, tmp_path: Path, **overrides):
        self.app = create_app(
            {
                "ENV_NAME": "testing",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.db'}",
                "SECRET_KEY": "browser-tests",
                "MEDIA_ROOT": str(tmp_path / "media"),
                **overrides,
            }
        )
        with self.app.app_context():
            db.create_all()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.app.config["PUBLIC_URL"] = self.url
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        with self.app.app_context():
            db.engine.dispose()

    def run(self, fn, *args, **kwargs):
        """Call ``fn`` inside an app context and commit (to seed data)."""
        with self.app.app_context():
            result = fn(*args, **kwargs)
            db.session.commit()
            return result


@pytest.fixture
def live_server(tmp_path, smtp_server):
    server = LiveServer(tmp_path, MAIL_PORT=smtp_server.port)
    yield server
    server.stop()


@pytest.fixture
def new_page(browser, browser_context_args):
    """Open a page in a new browser context (another person's browser)."""
    contexts = []

    def make(**kwargs):
        context = browser.new_context(**{**browser_context_args, **kwargs})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def register(page, base_url: str, name: str, email: str, password: str = "correct horse battery") -> None:
    """Create an account through the form."""
    page.goto(f"{base_url}/account/register")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{base_url}/")


def log_in(page, base_url: str, email: str, password: str = "correct horse battery") -> None:
    page.goto(f"{base_url}/account/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():  # wait for the POST's answer: a goto right after would cancel it
        page.get_by_role("button", name="Log in").click()


def more(post):
    """Open a post's "More" menu (a <details>) if it is closed; returns the post's locator."""
    if post.locator("details.more[open]").count() == 0:
        post.locator("details.more > summary").click()
    return post


def site_menu(page):
    """The header's menu (My classes, Your drafts, Account…), opened first on a phone; returns the page."""
    menu = page.locator("details.site-menu")
    if not menu.evaluate("el => el.open"):
        menu.locator("summary").click()
    return page


def read_discussion(page) -> None:
    """On the reflection page the discussion folds below the text box on phones: open it."""
    fold = page.locator("details.discussion")
    if fold.count() and not fold.evaluate("el => el.open"):
        fold.locator("summary").click()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


PASSWORD = "correct horse battery"


def seed_class() -> int:
    """Tess Teacher's class "Evening English B1" with students Ana Souza and Ben Okafor.

    Call through ``live_server.run(seed_class)``; returns the class id."""
    from app.auth.services import register_user
    from app.classes.models import Membership, Role
    from app.classes.services import create_class

    teacher = register_user("tess@example.com", "Tess Teacher", PASSWORD)
    ana = register_user("ana@example.com", "Ana Souza", PASSWORD)
    ben = register_user("ben@example.com", "Ben Okafor", PASSWORD)
    classroom = create_class(teacher, "Evening English B1")
    db.session.flush()
    for student in (ana, ben):
        db.session.add(Membership(classroom_id=classroom.id, user_id=student.id, role=Role.STUDENT))
    return classroom.id
