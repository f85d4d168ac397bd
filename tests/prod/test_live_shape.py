"""Checks against the production shape already running (`make prod`), as CI runs them after starting it.

Skipped unless QZ_LIVE_URL names the running site (e.g. http://127.0.0.1:8000). The site is behind no real
proxy here, so requests say what nginx would (X-Forwarded-Proto: https); QZ_LIVE_USER / QZ_LIVE_PASSWORD is
an account that may import (CI creates a superuser); DATABASE_URL is the site's own database, read to see which
process ran the job.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import psycopg
import pytest
import requests

LIVE = os.environ.get("QZ_LIVE_URL", "").rstrip("/")
pytestmark = pytest.mark.skipif(not LIVE, reason="QZ_LIVE_URL is not set: these checks run against a running `make prod` (see .ci/run)")

HTTPS = {"X-Forwarded-Proto": "https"}
WAIT_SECONDS = 120


class Browser:
    """A client that behaves as a browser behind nginx: HTTPS as far as the site knows, so it sends back the
    Secure cookies that requests would keep for https:// URLs only."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **kwargs: object) -> requests.Response:
        headers = {**HTTPS, "Referer": f"https://{LIVE.split('://', 1)[1]}{path}", **kwargs.pop("headers", {})}  # type: ignore[dict-item]
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(method, f"{LIVE}{path}", headers=headers, allow_redirects=False, timeout=30, **kwargs)  # type: ignore[arg-type]
        self.cookies.update({c.name: c.value or "" for c in response.cookies})
        return response

    def csrf(self, path: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.request("GET", path).text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)


@pytest.fixture
def web() -> Browser:
    return Browser()


def test_the_shape_is_live_and_ready():
    assert requests.get(f"{LIVE}/livez", timeout=10).text == "ok"
    ready = requests.get(f"{LIVE}/readyz", timeout=10)
    assert ready.status_code == 200 and ready.text == "ready", ready.text


def test_pages_come_with_debug_off_https_only_and_the_security_headers(web):
    plain = requests.get(f"{LIVE}/accounts/login/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")

    login = web.request("GET", "/accounts/login/")
    assert login.status_code == 200 and "登录" in login.text
    assert "max-age=" in login.headers["Strict-Transport-Security"]
    assert "script-src 'self'" in login.headers["Content-Security-Policy"]
    assert "secure" in login.headers.get("Set-Cookie", "secure").lower()

    missing = web.request("GET", "/no-such-page/")
    assert missing.status_code == 404 and "Traceback" not in missing.text and "URLconf" not in missing.text  # no debug page
    css = web.request("GET", "/static/qingzhuang/app.css")
    assert css.status_code == 200 and "text/css" in css.headers["Content-Type"]
    assert web.request("GET", "/api/v1/docs").status_code == 200


def sign_in(web: Browser) -> None:
    token = web.csrf("/accounts/login/")
    data = {"username": os.environ["QZ_LIVE_USER"], "password": os.environ["QZ_LIVE_PASSWORD"], "csrfmiddlewaretoken": token}
    assert web.request("POST", "/accounts/login/", data=data).status_code == 302, "sign-in refused"


def job_row(job_id: int) -> tuple[str, str]:
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        row = conn.execute("SELECT status, runner FROM jobs_job WHERE id = %s", (job_id,)).fetchone()
    assert row is not None
    return str(row[0]), str(row[1])


def test_an_import_job_runs_in_the_celery_worker(web):
    sign_in(web)
    template = web.request("GET", "/org/import/template.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    posted = web.request("POST", "/org/import/", data={"csrfmiddlewaretoken": web.csrf("/org/import/"), "dry_run": "1"},
                         files={"file": ("导入模板.xlsx", template.content, xlsx)})
    assert posted.status_code == 302, posted.text[:500]
    found = re.search(r"/org/import/(\d+)/", posted.headers["Location"])
    assert found
    job_id = int(found.group(1))

    deadline = time.monotonic() + WAIT_SECONDS
    status, runner = job_row(job_id)
    while status in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.5)
        status, runner = job_row(job_id)
    assert status == "done", f"job {job_id} is {status}"
    pid = int(runner.rpartition(":")[2])
    command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    assert "celery" in command and "worker" in command, command
