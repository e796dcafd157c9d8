"""Shared pieces of the HTTP benchmarks: a demo database, gunicorn, logins, a load loop.

Loopback only; every loop is bounded by a fixed duration.
"""
from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PASSWORD = "roundtable-demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_env(instance: Path, database_url: str) -> dict:
    return {**os.environ, "ROUNDTABLE_INSTANCE": str(instance), "DATABASE_URL": database_url,
            "ROUNDTABLE_ENV": "development", "SECRET_KEY": "bench-secret", "PYTHONWARNINGS": "ignore",
            # Load from a few users on one address is what the rate limits stop: measure the app without them.
            "RATELIMIT_ENABLED": "0"}


def prepare_database(env: dict, replies: int = 0) -> None:
    """Migrate the database and load the demo data (with ``replies`` per thread)."""
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["demo", "--replies", str(replies)], cwd=ROOT, env=env, check=True, capture_output=True)


@contextmanager
def gunicorn(env: dict, workers: int = 2):
    """Serve the app on a free loopback port; yields the port."""
    port = free_port()
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def request(port: int, method: str, path: str, body: dict | None = None, cookie: str = "") -> tuple[int, dict, str]:
    """One request on a new connection: (status, headers, text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def csrf_from(page: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def login(port: int, email: str) -> tuple[str, str]:
    """Log in; returns (cookie header, a CSRF token for this session)."""
    status, headers, page = request(port, "GET", "/account/login")
    cookie = headers.get("Set-Cookie", "").split(";")[0]
    status, headers, _ = request(port, "POST", "/account/login",
                                 {"email": email, "password": PASSWORD, "csrf_token": csrf_from(page)}, cookie)
    if status != 302:
        raise RuntimeError(f"login failed for {email}: {status}")
    cookie = headers.get("Set-Cookie", cookie).split(";")[0]
    status, headers, page = request(port, "GET", "/", cookie=cookie)
    cookie = headers.get("Set-Cookie", cookie).split(";")[0]  # the session now holds the CSRF secret
    return cookie, csrf_from(page)


def run_load(worker, clients: int, seconds: float) -> tuple[list[float], list[int]]:
    """Call ``worker(i) -> status`` in ``clients`` threads for ``seconds``; (latencies, statuses)."""
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop(i: int) -> None:
        mine, codes = [], []
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                code = worker(i)
            except OSError:
                code = 599
            mine.append(time.perf_counter() - started)
            codes.append(code)
        with lock:
            latencies.extend(mine)
            statuses.extend(codes)

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, statuses


def wrk(port: int, path: str, *, cookie: str = "", clients: int = 16, seconds: float = 10.0,
        threads: int = 2) -> dict:
    """Load ``path`` with wrk (Debian's package: a C load generator, so the client does not
    take the cores from the server the way a Python loop does); its requests per second,
    latency percentiles (ms) and non-2xx answers."""
    command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{max(int(seconds), 1)}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                         check=True, timeout=seconds + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: _ms(re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)) for p in ("50", "99")}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {"rate": rate, "p50": latency["50"], "p99": latency["99"],
            "non_2xx": int(bad.group(1)) if bad else 0, "socket_errors": errors.group(0) if errors else ""}


def _ms(match) -> float:
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def print_wrk(name: str, result: dict) -> None:
    print(f"{name:<28} {result['rate']:9.1f} req/s   p50 {result['p50']:7.1f} ms   p99 {result['p99']:7.1f} ms"
          f"   non-2xx {result['non_2xx']} {result['socket_errors']}")


def summary(name: str, latencies: list[float], seconds: float) -> float:
    """Print requests per second and p50/p99 latency; returns the rate."""
    rate = len(latencies) / seconds
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    print(f"{name:<28} {rate:9.1f} req/s   p50 {q[49] * 1000:7.1f} ms   p99 {q[98] * 1000:7.1f} ms   ({len(latencies)} requests)")
    return rate


def python() -> str:
    return sys.executable
