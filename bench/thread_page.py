"""Benchmark: the first page of a 500-reply thread against /healthz, same run.

    .venv/bin/python bench/thread_page.py [--seconds 10] [--clients 16] [--replies 500]

Builds a demo SQLite database with ``demo --replies N``, serves it with
gunicorn (2 workers), logs a student in and loads the thread page with wrk
(16 connections) for a fixed time, then /healthz the same way. Prints
requests per second, p50/p99 latency and the ratio (target: >= 0.15).
wrk is Debian's package (``apt-get install wrk``; ``.ci/run`` installs it).
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import app_env, gunicorn, login, prepare_database, print_wrk, request, wrk  # noqa: E402


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

            wrk(port, "/healthz", seconds=2)  # warm both workers up
            page = wrk(port, path, cookie=cookie, clients=args.clients, seconds=args.seconds)
            health = wrk(port, "/healthz", clients=args.clients, seconds=args.seconds)
        print(f"\nwrk, {args.clients} connections, {args.seconds:.0f} s each, gunicorn 2 workers, SQLite")
        print_wrk(f"thread page ({shown} posts)", page)
        print_wrk("/healthz", health)
        print(f"ratio thread page / healthz: {page['rate'] / health['rate']:.3f} (target >= 0.15)")
        if page["non_2xx"] or health["non_2xx"]:
            raise SystemExit("some answers were not 200")

if __name__ == "__main__":
    main()
