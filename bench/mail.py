"""Benchmark: the outbox sending to a real SMTP server, and "Forgot your password?" for an
address with and without an account.

    .venv/bin/python bench/mail.py [--emails 500] [--workers 2] [--requests 300]
    DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/mail.py   # an empty scratch database

1. Writes ``--emails`` e-mails to the outbox, then ``--workers`` threads run
   ``outbox.send_due`` at once against aiosmtpd on a free loopback port (a dev
   dependency); prints e-mails per second and checks each address got exactly one.
2. Times ``--requests`` POSTs of the forgot-password form (Flask's test client, the
   queue a SQLite file as in production without Redis), alternating an address with an
   account and one without; prints the median and 90th percentile of each. The request
   only queues the look-up, so the two should not differ beyond noise.

Prints figures and asserts nothing else.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--emails", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="roundtable-bench-mail-"))
    os.environ.setdefault("ROUNDTABLE_INSTANCE", str(folder))
    os.environ["HUEY_SQLITE_PATH"] = str(folder / "huey.db")

    from huey.storage import SqliteStorage
    from sqlalchemy import func, select

    from app import create_app
    from app.auth.services import register_user
    from app.extensions import db
    from app.mail import messages, outbox
    from app.mail.models import OutboxEmail
    from app.worker import huey
    from tests.mail.smtp import SmtpServer

    smtp = SmtpServer().start()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.db'}"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, "MAIL_PORT": smtp.port,
                      "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench"})
    huey.immediate = False
    huey.storage = SqliteStorage("roundtable", filename=str(folder / "huey.db"))
    with app.app_context():
        db.create_all()
        user = register_user("nadia@example.com", "Nadia", "correct horse battery")
        for n in range(args.emails):
            messages.send("registration_attempt", to=f"reader{n}@example.com", user=user, subject="Hello",
                          login="http://127.0.0.1:5000/account/login", forgot="http://127.0.0.1:5000/account/forgot")
        db.session.commit()

    def work():
        with app.app_context():
            outbox.send_due(max_batches=10_000)

    threads = [threading.Thread(target=work) for _ in range(args.workers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    addresses = [a for m in smtp.messages for a in m.rcpt_tos]
    with app.app_context():
        sent = db.session.scalar(select(func.count()).select_from(OutboxEmail).where(OutboxEmail.sent_at.is_not(None)))
    print(f"outbox: {len(addresses)} e-mails in {seconds:.2f} s with {args.workers} workers: "
          f"{len(addresses) / seconds:.0f} e-mails/s; {sent} recorded sent; "
          f"each address once: {sorted(addresses) == sorted(set(addresses)) and len(addresses) == args.emails}")

    client = app.test_client()
    times = {"with an account": [], "without an account": []}
    for n in range(args.requests):
        kind, email = (("with an account", "nadia@example.com") if n % 2 else
                       ("without an account", "nobody@example.com"))
        started = time.perf_counter()
        response = client.post("/account/forgot", data={"email": email})
        times[kind].append(time.perf_counter() - started)
        assert response.status_code == 302
    for kind, values in times.items():
        values.sort()
        print(f"forgot password, {kind}: median {statistics.median(values) * 1000:.2f} ms, "
              f"90th percentile {values[int(len(values) * 0.9)] * 1000:.2f} ms ({len(values)} requests)")
    print(f"queued look-ups: {huey.pending_count()}")
    smtp.stop()
    if "DATABASE_URL" in os.environ:
        with app.app_context():
            db.drop_all()


if __name__ == "__main__":
    main()
