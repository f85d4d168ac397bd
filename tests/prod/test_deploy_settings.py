"""`manage.py check --deploy` is clean with the production settings the README documents, and `make prod`
refuses to start without them."""

from __future__ import annotations

import re
import secrets
import shlex
import subprocess

from tests.prod.servers import PYTHON, ROOT


def documented_production_env() -> dict[str, str]:
    """The `export` lines of the README's Production section, as a person would paste them."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    env: dict[str, str] = {}
    for line in block.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line.startswith("export "):
            continue
        for word in shlex.split(line[len("export "):]):
            name, _eq, value = word.partition("=")
            env[name] = secrets.token_urlsafe(50) if "$(" in value else value
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "QZ_VAR_DIR": str(ROOT / "var")}
    return subprocess.run([PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                          env={**base, "DEBUG": "0", **env}, capture_output=True, text=True, timeout=120)


def test_the_documented_production_settings_pass_the_deployment_check():
    env = documented_production_env()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "QZ_SECURE_COOKIES", "QZ_HSTS_SECONDS", "QZ_SSL_REDIRECT", "QZ_BEHIND_PROXY"} <= set(env)
    result = check_deploy(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_them_the_deployment_check_names_what_is_missing():
    result = check_deploy({})
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stdout + result.stderr


def test_make_prod_refuses_to_start_without_its_settings():
    result = subprocess.run(["bin/prod"], cwd=ROOT, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert re.search(r"make prod needs: DATABASE_URL CELERY_BROKER_URL SECRET_KEY ALLOWED_HOSTS", result.stderr)


def test_make_prod_says_in_one_line_that_the_database_is_unreachable_and_stops():
    env = {**documented_production_env(), "PATH": "/usr/bin:/bin", "HOME": "/tmp", "QZ_VAR_DIR": str(ROOT / "var"),
           "DATABASE_URL": "postgres://postgres@127.0.0.1:1/qingzhuang", "CELERY_BROKER_URL": "redis://127.0.0.1:1/0"}
    result = subprocess.run(["bin/prod"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "数据库无法连接" in lines[0] and "127.0.0.1:1/qingzhuang" in lines[0], result.stderr
    assert "Traceback" not in result.stdout + result.stderr
