"""gunicorn or granian? The same bounded load on the demo, server by server, in one run.

    .venv/bin/python bench/servers.py [--clients 8] [--requests 1500] [--rounds 3] [--workers 2]

Needs the demo data (`make demo`; or DATABASE_URL for PostgreSQL); gunicorn comes from requirements/dev.txt. Each server runs with DEBUG off and the given
number of worker processes; a fixed number of client threads send requests back to back. Printed per
server and page: the median over rounds (servers take turns) of requests/s and of the p50 and p95 latency (ms), then each
server's throughput relative to the production server's (granian through config/serve.py).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.prod.servers import free_port, running  # noqa: E402

BIN = Path(sys.executable).parent
USER, PASSWORD = "zhenan_reviewer", "Qz-demo-2026"


def servers(workers: int, port: int) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each server's command and environment, all with ``workers`` processes and 4 request threads each."""
    threads = {"QZ_WEB_WORKERS": str(workers), "QZ_WEB_THREADS": "4"}
    return {
        "granian (config/serve.py, production)": ([sys.executable, "-m", "config.serve"], threads),
        "gunicorn gthread": ([str(BIN / "gunicorn"), "-b", f"127.0.0.1:{port}", "-w", str(workers), "-k", "gthread",
                              "--threads", "4", "--no-control-socket", "config.wsgi"], {}),
        "gunicorn sync": ([str(BIN / "gunicorn"), "-b", f"127.0.0.1:{port}", "-w", str(workers), "-k", "sync",
                           "--no-control-socket", "config.wsgi"], {}),
    }


def signed_in_cookie(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/accounts/login/").read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode({"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": csrf}).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"})).read()
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if session is None:
        raise SystemExit(f"could not sign in as {USER}: load the demo first (make demo)")
    return f"sessionid={session}; csrftoken={csrf}"


def one(url: str, cookie: str | None) -> float:
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return time.perf_counter() - started


def load(url: str, cookie: str | None, clients: int, requests: int) -> tuple[float, float, float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = sorted(pool.map(lambda _i: one(url, cookie), range(requests)))
    elapsed = time.perf_counter() - started
    return requests / elapsed, 1000 * latencies[len(latencies) // 2], 1000 * latencies[int(len(latencies) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    pages = {"liveness /livez": "/livez", "login page (anonymous)": "/accounts/login/", "home (signed in)": "/"}
    env = {"DEBUG": "0", "CELERY_BROKER_URL": "", "QZ_AXES_ENABLED": "0", "HOST": "127.0.0.1"}
    # All servers run at once and take turns round by round, so a change in the machine's load (other jobs on
    # shared cores) falls on each of them alike instead of on whichever happened to run last.
    with ExitStack() as stack:
        bases: dict[str, str] = {}
        for name in servers(args.workers, 0):
            port = free_port()
            command, extra = servers(args.workers, port)[name]
            if not Path(command[0]).exists():
                print(f"{name}: {command[0]} is not installed, skipped")
                continue
            bases[name] = f"http://127.0.0.1:{port}"
            stack.enter_context(running(command, env={**env, **extra, "PORT": str(port)}, ready_url=f"{bases[name]}/livez"))
        cookies = {name: signed_in_cookie(base) for name, base in bases.items()}
        samples: dict[str, dict[str, list[tuple[float, float, float]]]] = {name: {label: [] for label in pages} for name in bases}
        for label, path in pages.items():
            for name, base in bases.items():  # warm-up
                load(base + path, cookies[name] if "signed in" in label else None, args.clients, max(50, args.requests // 10))
            for _round in range(args.rounds):
                for name, base in bases.items():
                    use_cookie = cookies[name] if "signed in" in label else None
                    samples[name][label].append(load(base + path, use_cookie, args.clients, args.requests))
    results = {
        name: {label: tuple(statistics.median(r[i] for r in rounds) for i in range(3)) for label, rounds in by_page.items()}
        for name, by_page in samples.items()
    }

    print(f"{args.workers} workers, {args.clients} clients, {args.requests} requests x {args.rounds} rounds per page "
          f"(database: {os.environ.get('DATABASE_URL') and 'PostgreSQL' or 'SQLite demo'})")
    reference = next(iter(results.values()), {})
    for label in pages:
        print(f"\n{label}")
        for name, by_page in results.items():
            rps, p50, p95 = by_page[label]
            ratio = rps / reference[label][0] if reference else 1.0
            print(f"  {name:40s} {rps:8.1f} req/s   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   x{ratio:.2f}")


if __name__ == "__main__":
    main()
