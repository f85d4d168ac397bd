"""CI helper for the production-shape leg: create/drop its database, find a free port, wait for readiness.

    python .ci/prod_shape.py createdb|dropdb <postgres-url>   python .ci/prod_shape.py port
    python .ci/prod_shape.py redis <url>                       python .ci/prod_shape.py wait <base-url> <seconds>
Only the standard library and the project's own pinned packages (psycopg, redis).
"""

from __future__ import annotations

import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def _admin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def createdb(url: str) -> None:
    import psycopg

    admin, name = _admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def dropdb(url: str) -> None:
    import psycopg

    admin, name = _admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def port() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        sys.stdout.write(f"{s.getsockname()[1]}\n")


def redis_up(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        sys.exit(f"no Redis at {url}: {exc}")


def wait(base: str, seconds: str) -> None:
    deadline = time.monotonic() + float(seconds)
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=3) as response:
                if response.status == 200:
                    sys.stdout.write(f"ready: {base}\n")
                    return
        except urllib.error.HTTPError as exc:
            last = exc.read().decode(errors="replace").strip()
        except OSError as exc:
            last = str(exc)
        time.sleep(1)
    sys.exit(f"{base}/readyz did not answer ready within {seconds}s: {last}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"createdb": createdb, "dropdb": dropdb, "port": port, "redis": redis_up, "wait": wait}[command](*args)
