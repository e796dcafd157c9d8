"""Benchmark: the first page of a 500-reply thread against /healthz, same run.

    .venv/bin/python bench/thread_page.py [--seconds 10] [--clients 16] [--replies 500]

Builds a demo SQLite database with ``demo --replies N``, serves it with
gunicorn (2 workers), logs a student in and loads the thread page from 16
concurrent clients for a fixed time, then /healthz the same way. Prints
requests per second, p50/p99 latency and the ratio (target: >= 0.15).
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import app_env, gunicorn, login, prepare_database, request, run_load, summary  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--replies", type=int, default=500)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="rt-bench-") as tmp:
        env = app_env(Path(tmp), f"sqlite:///{Path(tmp) / 'bench.db'}")
        print(f"Building the demo database with {args.replies} replies per thread…")
        prepare_database(env, args.replies)
        with gunicorn(env) as port:
            cookie, _ = login(port, "student1@example.com")
            path = "/classes/1/threads/1"
            status, _, page = request(port, "GET", path, cookie=cookie)
            shown = len(re.findall(r'class="post level-', page))
            print(f"Thread page: HTTP {status}, {shown} posts on page 1, {len(page) // 1024} KB")
            if status != 200 or shown < 30:
                raise SystemExit("the thread page must answer 200 with at least 30 posts")

            def thread_page(_):
                return request(port, "GET", path, cookie=cookie)[0]

            def healthz(_):
                return request(port, "GET", "/healthz")[0]

            page_lat, page_codes = run_load(thread_page, args.clients, args.seconds)
            health_lat, health_codes = run_load(healthz, args.clients, args.seconds)
        print(f"\n{args.clients} clients, {args.seconds:.0f} s each, gunicorn 2 workers, SQLite")
        page_rate = summary(f"thread page ({shown} posts)", page_lat, args.seconds)
        health_rate = summary("/healthz", health_lat, args.seconds)
        bad = [c for c in page_codes + health_codes if c != 200]
        print(f"ratio thread page / healthz: {page_rate / health_rate:.3f} (target >= 0.15)")
        print(f"non-200 answers: {len(bad)}")


if __name__ == "__main__":
    main()
