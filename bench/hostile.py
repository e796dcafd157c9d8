"""Benchmark: the worst request time for hostile input, over HTTP, on an idle server.

    .venv/bin/python bench/hostile.py [--seconds 3]

Demo data on SQLite, gunicorn with 2 workers, one student logged in. Each hostile
request that can be repeated (previews, Compare, an old version) is sent by wrk,
one connection at a time for a few seconds; each one that changes the page (making
a 100 KB page, saving versions, a save that needs a three-way merge) is sent once
and timed. Inputs: the longest text each form accepts, made of what costs a Markdown
parser most ("![", "[", "[a](", "*_", "http://a<", short lines), text just over the
limit and 1,000,000 characters of "http://a<" (refused), two 100 KB versions that
differ everywhere in short repeated lines. Prints each case and the worst time
(target: well under 2 s). Asserts nothing.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _harness import app_env, csrf_from, gunicorn, login, prepare_database, request  # noqa: E402

from app.content import MAX_CHARS  # noqa: E402

WRK = shutil.which("wrk") or "/usr/bin/wrk"
PATTERNS = {"![": "![", "[": "[", "[a](": "[a](", "*_": "*_", "http://a<": "http://a<", "short lines": "a\n"}
LUA = """
wrk.method = "{method}"
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
{body}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d\\n", summary.requests, latency.max, e.status,
                         e.connect + e.read + e.write + e.timeout))
end
"""


def fill(pattern: str, length: int) -> str:
    return (pattern * (length // len(pattern) + 1))[:length]


def lines(seed: int, length: int) -> str:
    """Short lines from a few words, repeated: hard for a line and word diff, and for Markdown."""
    out, n = [], 0
    while sum(map(len, out)) + len(out) < length:
        out.append(" ".join(f"![w{(n * seed + k) % 7} *x" for k in range(8)))
        n += 1
    return "\n".join(out)[:length]


def with_wrk(port: int, path: str, cookie: str, seconds: float, form: dict | None = None) -> tuple[float, int, str]:
    """(worst seconds, requests, problems) for one request sent again and again by wrk."""
    with tempfile.TemporaryDirectory() as tmp:
        body = ""
        if form is not None:
            data = Path(tmp, "body")
            data.write_text(urllib.parse.urlencode(form))
            body = f'local f = io.open("{data}", "rb"); wrk.body = f:read("*a"); f:close()'
        script = Path(tmp, "case.lua")
        script.write_text(LUA.format(method="POST" if form is not None else "GET", cookie=cookie, body=body))
        out = subprocess.run([WRK, "-t1", "-c1", f"-d{seconds}s", "--timeout", "30s", "-s", str(script),
                              f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    requests_, worst_us, bad_status, errors = map(int, re.search(r"RESULT (\d+) (\d+) (\d+) (\d+)", out).groups())
    problems = ", ".join(p for p in (f"{bad_status} not 2xx/3xx" if bad_status else "",
                                     f"{errors} socket errors" if errors else "") if p)
    return worst_us / 1e6, requests_, problems


def once(port: int, method: str, path: str, cookie: str, form: dict | None = None) -> tuple[float, int, str]:
    """(seconds, status, page) for one request."""
    started = time.perf_counter()
    status, _, page = request(port, method, path, form, cookie)
    return time.perf_counter() - started, status, page


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3)
    args = parser.parse_args()
    rows: list[tuple[str, float, str]] = []

    def row(name: str, seconds: float, note: str) -> None:
        rows.append((name, seconds, note))
        print(f"{name:<58} {seconds * 1000:8.0f} ms   {note}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        env = app_env(Path(tmp), f"sqlite:///{tmp}/bench.db")
        prepare_database(env)
        with gunicorn(env) as port:
            cookie, csrf = login(port, "student1@example.com")
            _, _, home = request(port, "GET", "/", cookie=cookie)
            class_id = re.search(r'href="/classes/(\d+)', home).group(1)
            wiki = f"/classes/{class_id}/wiki"

            for profile, limit in MAX_CHARS.items():
                for name, pattern in PATTERNS.items():
                    form = {"csrf_token": csrf, "_field": "body", "_profile": profile, "body": fill(pattern, limit)}
                    worst, n, problems = with_wrk(port, "/editor/preview", cookie, args.seconds, form)
                    row(f"preview {profile}, {limit:,} × {name!r}", worst, f"{n} requests {problems}".strip())
                form = {"csrf_token": csrf, "_field": "body", "_profile": profile, "body": fill("http://a<", limit + 1)}
                worst, n, problems = with_wrk(port, "/editor/preview", cookie, args.seconds, form)
                row(f"preview {profile}, {limit + 1:,} characters (refused)", worst, f"{n} requests {problems}".strip())
            form = {"csrf_token": csrf, "_field": "body", "_profile": "wiki", "body": fill("http://a<", 1_000_000)}
            worst, n, problems = with_wrk(port, "/editor/preview", cookie, args.seconds, form)
            row("preview, 1,000,000 × 'http://a<' (refused)", worst, f"{n} requests {problems}".strip())

            # A 100 KB page, then a version that differs everywhere, then a save from version 1
            # that needs a three-way merge (theirs changed the first half, mine the second).
            limit = MAX_CHARS["wiki"]
            first, second = lines(1, limit), lines(3, limit)
            one, two = first.split("\n"), second.split("\n")
            half = len(one) // 2  # theirs changes the first half, mine the second, 100 lines apart
            theirs = "\n".join(two[:half - 50] + one[half - 50:])
            mine = "\n".join(one[:half + 50] + two[half + 50:])
            _, _, page = request(port, "GET", f"{wiki}/new", cookie=cookie)
            seconds, status, _ = once(port, "POST", f"{wiki}/new", cookie, {
                "csrf_token": csrf_from(page), "form_token": hidden(page, "form_token"), "title": "Hostile page",
                "body": first, "summary": ""})
            row("make a 100 KB page", seconds, f"status {status}")
            version_1 = None
            for text, name in ((theirs, "save version 2 (100 KB)"), (mine, "save from version 1: three-way merge")):
                _, _, page = request(port, "GET", f"{wiki}/hostile-page/edit", cookie=cookie)
                version_1 = version_1 or hidden(page, "base_revision_id")  # the id of version 1
                seconds, status, answer = once(port, "POST", f"{wiki}/hostile-page/edit", cookie, {
                    "csrf_token": csrf_from(page), "form_token": hidden(page, "form_token"),
                    "base_revision_id": version_1, "body": text, "summary": ""})
                row(name, seconds, f"status {status}" + (" (conflict)" if status == 409 else ""))
            for path, name in ((f"{wiki}/hostile-page/compare?old=1&new=2", "Compare two 100 KB versions"),
                               (f"{wiki}/hostile-page/compare?old=1&new=3", "Compare version 1 with the merge"),
                               (f"{wiki}/hostile-page/versions/1", "an old 100 KB version")):
                worst, n, problems = with_wrk(port, path, cookie, args.seconds)
                row(name, worst, f"{n} requests {problems}".strip())
    name, seconds, _ = max(rows, key=lambda r: r[1])
    print(f"\nworst request: {seconds * 1000:.0f} ms ({name}); target well under 2,000 ms")


if __name__ == "__main__":
    main()
