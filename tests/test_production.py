"""Production settings (issue 13.4, 13.5): a shared SECRET_KEY or no start, HSTS, trusted
host names, the client's address behind a proxy."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ROUNDTABLE_ENV", "DATABASE_URL")}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**clean, "ROUNDTABLE_INSTANCE": str(tmp_path / "instance"),
                               "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", **env})


def test_production_refuses_to_start_without_secret_key(tmp_path):
    started = _python("import wsgi", tmp_path, ROUNDTABLE_ENV="production")
    assert started.returncode != 0
    assert "ROUNDTABLE_ENV=production needs SECRET_KEY" in started.stderr
    assert not (tmp_path / "instance" / "secret_key").exists()  # no key of its own


def test_production_starts_with_secret_key_and_development_makes_its_own(tmp_path):
    assert _python("import wsgi", tmp_path, ROUNDTABLE_ENV="production", SECRET_KEY="s" * 64).returncode == 0
    assert not (tmp_path / "instance" / "secret_key").exists()
    assert _python("import wsgi", tmp_path).returncode == 0
    assert len((tmp_path / "instance" / "secret_key").read_text()) == 64


def test_settings_come_from_the_environment(tmp_path):
    shown = _python("from config import Config as C; print(C.TRUSTED_HOSTS, C.SERVER_NAME, C.TRUSTED_PROXIES)", tmp_path,
                    TRUSTED_HOSTS="roundtable.example.org, www.roundtable.example.org", SERVER_NAME="roundtable.example.org",
                    TRUSTED_PROXIES="1")
    assert shown.stdout.split("] ")[1].strip() == "roundtable.example.org 1"
    assert "['roundtable.example.org', 'www.roundtable.example.org']" in shown.stdout


def production_app(tmp_path, **config):
    app = create_app({"ENV_NAME": "production", "SECRET_KEY": "p" * 64,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}", **config})
    from app.extensions import db

    with app.app_context():
        db.create_all()
    return app


def test_production_answers_carry_hsts_and_secure_cookies(tmp_path):
    app = production_app(tmp_path)
    response = app.test_client().get("/account/login", base_url="https://roundtable.example.org")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Secure" in response.headers["Set-Cookie"]


def test_development_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/account/login").headers


def test_other_host_names_are_refused(tmp_path):
    app = production_app(tmp_path, TRUSTED_HOSTS=["roundtable.example.org"])
    good = app.test_client().get("/account/login", base_url="https://roundtable.example.org")
    evil = app.test_client().get("/account/login", base_url="https://evil.example")
    assert good.status_code == 200
    assert evil.status_code == 400 and "Something went wrong with this request" in evil.get_data(as_text=True)


@pytest.mark.parametrize("proxies", [0, 1])
def test_behind_a_proxy_limits_count_the_clients_address(app_factory, make_user, proxies):
    app = app_factory(RATELIMIT_ENABLED=True, TRUSTED_PROXIES=proxies, LOGIN_LIMIT_PER_ACCOUNT_ADDRESS="2 per minute")
    user = make_user()
    codes = []
    for n in range(3):  # three students behind one proxy, each with one wrong password
        client = app.test_client()
        client.environ_base.update(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        codes.append(client.post("/account/login", data={"email": user.email, "password": PASSWORD + "x"}).status_code)
    assert codes == ([200, 200, 200] if proxies else [200, 200, 429])
