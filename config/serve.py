"""The production web server of `make prod`: granian serving config.wsgi (`python -m config.serve`).

granian was chosen over gunicorn by measurement (bench/servers.py; figures in README, "Production"). Before the
workers start, the database is tried once and an unreachable one is said in one line; the server still starts
(/livez answers, /readyz says 503 with the reason) so that it serves as soon as the database is back. Each
worker process has its own database pool (DB_POOL_MAX): PostgreSQL sees at most workers x DB_POOL_MAX.
"""

from __future__ import annotations

import os
import sys

from config.env import envint, envstr


def announce_database() -> bool:
    """One line on stderr: whether the database answers (run in the main process, before any fork)."""
    import django
    from django.db import connections

    django.setup()
    from qingzhuang.web.health import database_address, database_problem

    problem = database_problem()
    if problem:
        sys.stderr.write(f"Qingzhuang: {problem} ({database_address()}); /readyz answers 503 until it is reachable.\n")
    else:
        sys.stderr.write(f"Qingzhuang: database {database_address()} reachable.\n")
    sys.stderr.flush()
    connections.close_all()
    return problem is None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    reachable = announce_database()
    if "--check-database" in sys.argv[1:]:
        # `make prod` asks first: migrations cannot run without the database, and a traceback says it worse.
        sys.exit(0 if reachable else 1)
    from granian import Granian
    from granian.constants import Interfaces

    threads = envint("QZ_WEB_THREADS", 4, minimum=1)
    server = Granian(
        "config.wsgi:application",
        interface=Interfaces.WSGI,
        address=envstr("HOST", "127.0.0.1"),
        port=envint("PORT", 8000, minimum=1),
        workers=envint("QZ_WEB_WORKERS", 2, minimum=1),
        # Requests run in these threads; more would only wait for the pool's DB_POOL_MAX connections.
        blocking_threads=threads,
        backpressure=threads * 2,
        websockets=False,
        respawn_failed_workers=True,
        workers_kill_timeout=envint("QZ_WEB_TIMEOUT", 30, minimum=1),
        log_access=bool(envstr("QZ_ACCESS_LOG", "")),
    )
    server.serve()


if __name__ == "__main__":
    main()
