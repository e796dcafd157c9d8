"""Benchmark: 16 clients post replies for a fixed time, then every post is checked.

    .venv/bin/python bench/write_load.py [--seconds 10] [--clients 16] [--postgres URL]

Runs on SQLite, and on PostgreSQL when reachable (``--postgres`` or
``TEST_DATABASE_URL``; it uses a separate database ``roundtable_bench``).
Each run: demo data, gunicorn with 2 workers, the demo students log in, then
16 clients reply (to the opening posts and to their own earlier replies) for
a fixed time; /healthz is measured the same way. Afterwards: every
acknowledged post is in the database exactly once, no other load-test post
exists, every thread's reply count equals its replies, and no request got a
5xx. Prints posts per second and the ratio to /healthz (target on SQLite >= 0.1).
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import app_env, gunicorn, login, prepare_database, request, run_load, summary  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

MARK = "Load test reply"


def pg_bench_url(url: str) -> str | None:
    """Create (once) and return a ``roundtable_bench`` database on the server, or None."""
    base = re.sub(r"/[^/]*$", "", url)
    try:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS roundtable_bench WITH (FORCE)"))
            conn.execute(text("CREATE DATABASE roundtable_bench"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - unreachable server: skip PostgreSQL
        print(f"PostgreSQL not used: {type(exc).__name__}: {exc}".splitlines()[0])
        return None
    return base + "/roundtable_bench"


def run(label: str, database_url: str, instance: Path, seconds: float, clients: int) -> None:
    env = app_env(instance, database_url)
    prepare_database(env)
    with gunicorn(env) as port:
        sessions = [login(port, f"student{i}@example.com") for i in range(1, 9)]
        openings = {1: None, 2: None}
        for thread_id in openings:
            _, _, page = request(port, "GET", f"/classes/1/threads/{thread_id}", cookie=sessions[0][0])
            openings[thread_id] = int(re.search(r'id="post-(\d+)"', page).group(1))
        acked: list[tuple[int, str]] = []
        mine: dict[int, list[int]] = {i: [] for i in range(clients)}
        counts = Counter()

        def post_reply(i: int) -> int:
            cookie, csrf = sessions[i % len(sessions)]
            n = counts[i] = counts[i] + 1
            own = mine[i]
            parent = own[-1] if own and n % 3 else openings[1 + i % 2]
            body = f"{MARK} {i}-{n}: I think practising every day helps me remember new words."
            status, headers, _ = request(port, "POST", f"/classes/1/posts/{parent}/reply",
                                         {"csrf_token": csrf, "body": body, "form_token": secrets.token_urlsafe(12)},
                                         cookie)
            if status == 302:
                match = re.search(r"#post-(\d+)$", headers.get("Location", ""))
                if match:
                    acked.append((int(match.group(1)), body))
                    own.append(int(match.group(1)))
            return status

        def healthz(_):
            return request(port, "GET", "/healthz")[0]

        write_lat, write_codes = run_load(post_reply, clients, seconds)
        health_lat, health_codes = run_load(healthz, clients, seconds)

    engine = create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, source FROM post WHERE source LIKE :m"), {"m": MARK + "%"}).all()
        wrong_counts = conn.execute(text(
            "SELECT t.id, t.reply_count, (SELECT count(*) FROM post p WHERE p.thread_id = t.id AND p.depth > 0) "
            "FROM thread t")).all()
    engine.dispose()
    stored = Counter(source for _, source in rows)
    by_id = dict(rows)
    missing = [pid for pid, body in acked if by_id.get(pid) != body]
    duplicates = [body for body, n in stored.items() if n > 1]
    unacked = len(rows) - len(acked)
    bad_counts = [(t, c, real) for t, c, real in wrong_counts if c != real]
    server_errors = sum(1 for c in write_codes + health_codes if c >= 500)
    other = Counter(c for c in write_codes if c != 302)

    print(f"\n{label}: {clients} clients, {seconds:.0f} s each, gunicorn 2 workers")
    summary("reply POST", write_lat, seconds)
    posts_per_s = len(acked) / seconds
    health_rate = summary("/healthz", health_lat, seconds)
    print(f"posts per second: {posts_per_s:.1f}   ratio posts/s / healthz: {posts_per_s / health_rate:.3f}")
    print(f"checks: acknowledged {len(acked)}, stored {len(rows)}, missing {len(missing)}, duplicated {len(duplicates)}, "
          f"stored but not acknowledged {unacked}, wrong reply counts {len(bad_counts)}, 5xx {server_errors}, "
          f"other non-302 answers {dict(other)}")
    ok = acked and not (missing or duplicates or bad_counts or server_errors)
    print("RESULT:", "no fault" if ok else "FAULTS FOUND")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rt-write-") as tmp:
        run("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", Path(tmp), args.seconds, args.clients)
        if args.postgres:
            url = pg_bench_url(args.postgres)
            if url:
                run("PostgreSQL", url, Path(tmp), args.seconds, args.clients)
        else:
            print("\nPostgreSQL skipped: pass --postgres URL or set TEST_DATABASE_URL.")


if __name__ == "__main__":
    main()
