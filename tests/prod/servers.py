"""Real server and worker processes for the production-shape tests: started as a person would, stopped cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, timeout: float = 10, headers: dict[str, str] | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def database_url_of(settings_db: dict) -> str:
    """The DATABASE_URL that reaches the database this test process uses (pytest-django's test database)."""
    host = settings_db.get("HOST") or "127.0.0.1"
    port = settings_db.get("PORT") or 5432
    user = settings_db.get("USER") or "postgres"
    password = settings_db.get("PASSWORD") or ""
    auth = f"{user}:{password}" if password else user
    return f"postgres://{auth}@{host}:{port}/{settings_db['NAME']}"


@contextmanager
def running(command: list[str], *, env: dict[str, str], ready_url: str | None = None, ready_status: int = 200) -> Iterator[subprocess.Popen[str]]:
    """Start a process in its own group; wait until ``ready_url`` answers; stop the whole group at the end."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # Output goes to a file: a pipe nobody reads fills up and blocks a chatty server (runserver logs every request).
    log = tempfile.NamedTemporaryFile("w+", prefix="qz-proc-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    proc.__dict__["log_path"] = log.name
    log.close()
    try:
        if ready_url:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"{command[0]} exited with {proc.returncode}:\n{output_of(proc)}")
                try:
                    status, _body = get(ready_url, timeout=2)
                    if status == ready_status:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{' '.join(command)} did not answer {ready_url} within {START_TIMEOUT}s:\n{output_of(proc)}")
                time.sleep(0.2)
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[str], timeout: float = 20) -> None:
    """SIGTERM to the process group (gunicorn and celery shut down warm), SIGKILL if it hangs."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def output_of(proc: subprocess.Popen[str]) -> str:
    """Everything the process printed so far."""
    return Path(proc.__dict__["log_path"]).read_text(errors="replace")
