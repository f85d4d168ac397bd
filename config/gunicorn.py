"""gunicorn settings of the production shape (`make prod`): `gunicorn -c config/gunicorn.py config.wsgi`.

Measured against granian on the demo (bench/servers.py): see README. Each worker process has its own
database pool (DB_POOL_MAX), so PostgreSQL sees at most workers x DB_POOL_MAX connections from the web.
"""

from __future__ import annotations

import os
from typing import Any

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("QZ_WEB_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("QZ_WEB_THREADS", "4"))
timeout = int(os.environ.get("QZ_WEB_TIMEOUT", "60"))
graceful_timeout = 20
# Uploads and slow clients are buffered by the proxy in front; requests end after a day's worth of keep-alive.
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("QZ_ACCESS_LOG") or None
errorlog = "-"
proc_name = "qingzhuang"
# One machine may run several (tests, a second site): the shared default control socket would collide.
control_socket_disable = True


def when_ready(server: Any) -> None:
    """Say in one line whether the database answers, before the workers start serving."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.db import connections

    from qingzhuang.web.health import database_address, database_problem

    problem = database_problem()
    if problem:
        server.log.error("Qingzhuang: %s (%s); /readyz answers 503 until it is reachable.", problem, database_address())
    else:
        server.log.info("Qingzhuang: database %s reachable.", database_address())
    # Never hand the master's connection or pool to forked workers.
    for conn in connections.all():
        conn.close()
        close_pool = getattr(conn, "close_pool", None)
        if close_pool is not None:
            close_pool()
