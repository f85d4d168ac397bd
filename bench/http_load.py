"""Requests per second through the production server: anonymous against signed-in, side by side in one run.

    .venv/bin/python bench/http_load.py [--seconds 5] [--repeats 5] [--clients 8] [--workers 2]
    .venv/bin/python bench/http_load.py --database-url postgres://postgres@127.0.0.1:5432/qz_load   # an empty database
    .venv/bin/python bench/http_load.py --redis-url redis://127.0.0.1:6379/3   # sessions in Redis too (cached_db)

Builds the demo (migrate + demo) in a fresh SQLite file under a temporary folder (or in the empty PostgreSQL
database given), starts gunicorn with --workers 2 on it (DEBUG off, lockout on, as in production) and drives a
bounded load: --clients threads, each with its own signed-in session (or none), each sending one request at
a time and waiting for the answer. Every scenario runs --seconds, the scenarios take turns, and the figure is
the median over --repeats turns. Pairs, each the same URL without and with a session:

  /healthz          the cheapest view: the difference is the session middleware alone
  /api/v1/org/me    anonymous: 401 in the API's error shape; signed in: the session, the user and the roles

The signed-in/anonymous ratio of each pair is printed; issue 8 asks for ≥0.5. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
USER = "zhenan_reviewer"
PASSWORD = "Qz-demo-2026"
HOST = "127.0.0.1"
PAIRS = [("/healthz", 200, 200), ("/api/v1/org/me", 401, 200)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def request(port: int, method: str, path: str, *, cookie: str = "", body: str = "", headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    all_headers = {"Host": f"{HOST}:{port}", **(headers or {})}
    if cookie:
        all_headers["Cookie"] = cookie
    if body:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body or None, headers=all_headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def cookies_of(response: http.client.HTTPResponse) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for value in response.headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {k: m.value for k, m in jar.items()}


def sign_in(port: int) -> str:
    """One fresh session for USER: GET the form for the CSRF token, POST the password; returns the Cookie header."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", "/accounts/login/", headers={"Host": f"{HOST}:{port}"})
    page = conn.getresponse()
    html = page.read().decode()
    conn.close()
    csrf_cookie = cookies_of(page)["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, "no CSRF token on the sign-in page"
    body = urlencode({"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)})
    answer = request(port, "POST", "/accounts/login/", cookie=f"csrftoken={csrf_cookie}", body=body,
                     headers={"Referer": f"http://{HOST}:{port}/accounts/login/"})
    session = cookies_of(answer).get("sessionid")
    if answer.status != 302 or not session:
        sys.exit(f"sign-in as {USER} failed: HTTP {answer.status}")
    return f"csrftoken={csrf_cookie}; sessionid={session}"


def worker_cpu_seconds(server: subprocess.Popen[bytes]) -> float:
    """CPU time (user + system) the server's worker processes have used so far."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def drive(server: subprocess.Popen[bytes], port: int, path: str, expected: int, cookies: list[str], seconds: float) -> tuple[float, float, int]:
    """len(cookies) clients, one request in flight each, for `seconds`.

    Returns requests/s answered as expected, the workers' CPU ms per request, and the count of other answers.
    """
    done = [0] * len(cookies)
    wrong = [0] * len(cookies)
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        while time.perf_counter() < stop:
            try:
                status = request(port, "GET", path, cookie=cookies[i]).status
            except OSError:
                status = 0
            if status == expected:
                done[i] += 1
            else:
                wrong[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(cookies))]
    cpu = worker_cpu_seconds(server)
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    cpu = worker_cpu_seconds(server) - cpu
    answered = sum(done) + sum(wrong)
    return sum(done) / elapsed, 1000 * cpu / max(answered, 1), sum(wrong)


def build(env: dict[str, str]) -> None:
    t0 = time.perf_counter()
    for args in (["migrate", "-v0"], ["demo"]):
        subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"demo built in {time.perf_counter() - t0:.0f} s")


def start_server(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(GUNICORN), "config.wsgi:application", "--workers", str(workers), "--bind", f"{HOST}:{port}",
         "--error-logfile", str(log)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/healthz").status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not answer within 60 s; see {log}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one turn of one scenario")
    parser.add_argument("--repeats", type=int, default=5, help="turns per scenario; the median is printed")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database (default: a temporary SQLite file)")
    parser.add_argument("--skip-build", action="store_true", help="the PostgreSQL database already holds the demo")
    parser.add_argument("--demo-copy", default="", help="copy this SQLite demo database instead of building one")
    parser.add_argument("--redis-url", default="", help="REDIS_CACHE_URL for the server (cache and sessions)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="qz-load-") as tmp:
        env = {**os.environ, "DEBUG": "0", "QZ_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "config.settings"}
        env.pop("DATABASE_URL", None)
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        else:
            env["SQLITE_PATH"] = str(Path(tmp) / "demo.sqlite3")
        if args.redis_url:
            env["REDIS_CACHE_URL"] = args.redis_url
        if args.demo_copy and not args.database_url:
            shutil.copyfile(args.demo_copy, env["SQLITE_PATH"])
        elif not args.skip_build:
            build(env)
        port = free_port()
        server = start_server(env, port, args.workers, Path(tmp) / "gunicorn.log")
        try:
            signed_in = [sign_in(port) for _ in range(args.clients)]
            anonymous = [""] * args.clients
            scenarios = []
            for path, anon_status, user_status in PAIRS:
                scenarios.append((path, "anonymous", anon_status, anonymous))
                scenarios.append((path, "signed in", user_status, signed_in))
            rates: dict[tuple[str, str], list[float]] = {(p, who): [] for p, who, _, _ in scenarios}
            cpu_ms: dict[tuple[str, str], list[float]] = {(p, who): [] for p, who, _, _ in scenarios}
            errors = 0
            for path, _who, status, cookies in scenarios:  # warm both workers
                drive(server, port, path, status, cookies, 1.0)
            for _ in range(args.repeats):
                for path, who, status, cookies in scenarios:
                    rate, cpu, wrong = drive(server, port, path, status, cookies, args.seconds)
                    rates[(path, who)].append(rate)
                    cpu_ms[(path, who)].append(cpu)
                    errors += wrong
        finally:
            server.terminate()
            server.wait(timeout=30)

    database = "PostgreSQL" if args.database_url else "SQLite"
    sessions = "read through Redis (cached_db)" if args.redis_url else "database (one prepared SELECT)"
    print(f"gunicorn --workers {args.workers}, {database}, sessions: {sessions}; {args.clients} clients, "
          f"{args.repeats} × {args.seconds:g} s per scenario, medians (min–max) in requests/s")
    print(f"{'request':<18}{'anonymous':>22}{'signed in':>22}{'ratio':>8}")
    for path, _, _ in PAIRS:
        anon, user = rates[(path, "anonymous")], rates[(path, "signed in")]
        ratio = statistics.median(user) / statistics.median(anon)
        cell = lambda r: f"{statistics.median(r):.0f} ({min(r):.0f}–{max(r):.0f})"  # noqa: E731
        print(f"GET {path:<14}{cell(anon):>22}{cell(user):>22}{ratio:>8.2f}")
    print("server CPU per request (ms, medians; the machine's other load does not inflate it); ratio: anonymous/signed in")
    for path, _, _ in PAIRS:
        anon, user = cpu_ms[(path, "anonymous")], cpu_ms[(path, "signed in")]
        ratio = statistics.median(anon) / statistics.median(user)
        print(f"GET {path:<14}{statistics.median(anon):>22.2f}{statistics.median(user):>22.2f}{ratio:>8.2f}")
    print(f"answers other than the expected status: {errors}")


if __name__ == "__main__":
    main()
