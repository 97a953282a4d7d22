"""Production settings refuse insecure configuration, and pass `check --deploy` cleanly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 10 + "Zq8#mP2$vL9@xR4!tY7&wE1*uI5^oA3%sD6(fG0)hJ" + "x" * 10


def run_check(**env_overrides):
    drop = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_passes_with_zero_warnings():
    result = run_check(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="hr.gov.uz", DATABASE_URL="postgres://u@127.0.0.1/x")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_refuses_to_start_without_secret_key():
    result = run_check(ALLOWED_HOSTS="hr.gov.uz", DATABASE_URL="postgres://u@127.0.0.1/x")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_refuses_short_or_default_secret_key():
    result = run_check(SECRET_KEY="short", ALLOWED_HOSTS="hr.gov.uz", DATABASE_URL="postgres://u@127.0.0.1/x")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_refuses_to_start_without_allowed_hosts():
    result = run_check(SECRET_KEY=GOOD_KEY, DATABASE_URL="postgres://u@127.0.0.1/x")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_refuses_wildcard_allowed_hosts():
    result = run_check(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="*", DATABASE_URL="postgres://u@127.0.0.1/x")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
