#!/usr/bin/env bash
# The README's production recipe, from a built wheel and far from the checkout:
# build the wheel, install it (held to requirements.lock) into a fresh virtualenv in a
# temporary folder, run `flask --app wsgi db upgrade` there on a fresh SQLite file, start
# `gunicorn wsgi:app` on a free loopback port and fetch /healthz, a real page, a static
# file, and create an account (which reads the packaged list of common passwords).
#
# Ends with one line: "wheel check: PASS (…)" or "wheel check: FAIL: <step>" (exit 1),
# followed by the end of that step's output. Run by .ci/run after `make test`;
# by hand: `bash tests/wheel/check.sh` (40-60 s with a warm pip cache).
set -Eeuo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${PYTHON:-python3}"
LOCK="$ROOT/requirements.lock"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/roundtable-wheel.XXXXXX")"
VENV="$WORK/venv"
LOG="$WORK/step.log"
STEP="start"
SERVER_PID=""
STARTED=$SECONDS

cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

on_error() {
  echo "wheel check: FAIL: $STEP"
  [ -s "$LOG" ] && tail -n 40 "$LOG" | sed 's/^/  | /'
  [ -s "$WORK/gunicorn.log" ] && tail -n 20 "$WORK/gunicorn.log" | sed 's/^/  gunicorn | /'
  exit 1
}
trap on_error ERR

step() { STEP="$1"; : >"$LOG"; }

# The app must come from the wheel alone: nothing of the checkout on the path, no
# settings from the caller's shell.
unset PYTHONPATH DATABASE_URL ROUNDTABLE_INSTANCE ROUNDTABLE_ENV SECRET_KEY RATELIMIT_STORAGE_URI

step "copy the checkout's files (tracked and new, not ignored) to build from a clean tree"
# Building in a copy leaves no build/ or *.egg-info in the checkout and no stale file from
# an earlier build in the wheel.
mkdir -p "$WORK/src" "$WORK/dist" "$WORK/run"
git -C "$ROOT" ls-files -z --cached --others --exclude-standard \
  | tar -C "$ROOT" --null --ignore-failed-read -T - -cf - 2>>"$LOG" | tar -C "$WORK/src" -xf - >>"$LOG" 2>&1

step "build the wheel (pip wheel --no-deps)"
"$PYTHON" -m pip wheel --no-deps --quiet --wheel-dir "$WORK/dist" "$WORK/src" >>"$LOG" 2>&1
WHEEL="$(ls "$WORK"/dist/roundtable-*.whl)"

step "install the wheel into a fresh virtualenv (constraints: requirements.lock)"
"$PYTHON" -m venv "$VENV" >>"$LOG" 2>&1
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$LOCK" "$WHEEL" >>"$LOG" 2>&1

cd "$WORK/run"

step "import app, config and wsgi from site-packages, with templates, static files and migrations"
"$VENV/bin/python" - "$VENV" >>"$LOG" 2>&1 <<'PY'
import sys
from pathlib import Path

import app
import config

venv = Path(sys.argv[1]).resolve()
for module in (app, config):
    assert venv in Path(module.__file__).resolve().parents, f"{module.__name__} comes from {module.__file__}"
assert app.ROOT == Path(app.__file__).resolve().parent / "_resources", app.ROOT
for folder in ("templates/base.html", "static/css/site.css", "migrations/env.py", "migrations/versions"):
    assert (app.ROOT / folder).exists(), f"the wheel has no {folder}"
assert config.INSTANCE_DIR == Path.cwd() / "instance", config.INSTANCE_DIR
PY

step "flask --app wsgi db upgrade (a fresh SQLite file in ./instance)"
"$VENV/bin/flask" --app wsgi db upgrade >>"$LOG" 2>&1
test -s instance/roundtable.db || { echo "no instance/roundtable.db in $PWD" >>"$LOG"; false; }
if compgen -G "$VENV/lib/python*/site-packages/instance" >/dev/null; then
  echo "an instance folder was made in site-packages" >>"$LOG"; false
fi

step "start gunicorn wsgi:app on a free loopback port"
# Port 0: the system picks a free port; gunicorn logs the one it got.
"$VENV/bin/gunicorn" --bind 127.0.0.1:0 --workers 1 --error-logfile "$WORK/gunicorn.log" wsgi:app >>"$LOG" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 1 100); do
  URL="$(grep -o 'Listening at: http://127\.0\.0\.1:[0-9]*' "$WORK/gunicorn.log" 2>/dev/null | head -n 1 | sed 's/^Listening at: //')" || true
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "gunicorn exited" >>"$LOG"; false; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "gunicorn did not start listening in 10 s" >>"$LOG"; false; }

step "fetch /healthz, /account/login, /static/css/site.css and create an account at $URL"
"$VENV/bin/python" - "$URL" "$ROOT/static/css/site.css" >>"$LOG" 2>&1 <<'PY'
import http.cookiejar
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

base, css_file = sys.argv[1], Path(sys.argv[2])
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def fetch(path, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    for attempt in range(50):  # the worker may still be loading the app
        try:
            with opener.open(base + path, data=body, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()
        except (ConnectionError, urllib.error.URLError):
            if attempt == 49:
                raise
            time.sleep(0.2)


def check(condition, message):
    if not condition:
        raise SystemExit(f"{message}")
    print("ok:", message)


status, _, body = fetch("/healthz")
check(status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}, f"/healthz answers 200 ok ({status} {body[:80]!r})")

status, _, body = fetch("/account/login")
page = body.decode()
check(status == 200 and "<h1>Log in</h1>" in page and 'name="password"' in page, f"/account/login answers 200 with the login form ({status})")
check('href="/static/css/site.css' in page, "the page links the stylesheet")

status, headers, body = fetch("/static/css/site.css")
check(status == 200 and headers.get_content_type() == "text/css", f"/static/css/site.css answers 200 text/css ({status})")
check(body == css_file.read_bytes(), "the served stylesheet is the checkout's static/css/site.css")

status, _, body = fetch("/account/register")
token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', body.decode()).group(1)
form = {"csrf_token": token, "display_name": "Wheel Check", "email": "wheel@example.com", "time_zone": ""}
status, _, body = fetch("/account/register", {**form, "password": "password"})
check(status == 200 and "Many people use this password" in body.decode(), "a common password is refused (the packaged list is read)")
status, _, body = fetch("/account/register", {**form, "password": "a wheel-check passphrase"})
check(status == 200 and "Welcome, Wheel Check!" in body.decode(), f"an account is created and the dashboard greets it ({status})")
PY

echo "wheel check: PASS ($(basename "$WHEEL") installed in a fresh virtualenv outside the checkout; db upgrade, gunicorn served /healthz, /account/login, /static/css/site.css, registration; $((SECONDS - STARTED)) s)"
