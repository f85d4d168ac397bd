"""On PostgreSQL a server keeps at most its pool's connections open, however many requests and threads pass
(runserver's thread per request with DB_CONN_MAX_AGE=60 used to leave one per finished thread)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.db import connection

from tests.prod.servers import PYTHON, database_url_of, free_port, get, running

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

REQUESTS = 2000
CLIENTS = 16
POOL_MAX = 3
APP_NAME = "qz_bounded_connections"


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("connection bounds are a PostgreSQL matter (SQLite has no server connections); run with DATABASE_URL=postgres://…")


def open_connections(db: dict) -> int:
    """Connections the server under test holds, counted by PostgreSQL itself."""
    with psycopg.connect(host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432, user=db.get("USER") or "postgres",
                         password=db.get("PASSWORD") or None, dbname="postgres", autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = %s", (db["NAME"], APP_NAME)).fetchone()
    return int(row[0]) if row else 0


def burst(base: str, cookie: str) -> list[int]:
    """A signed-in person asks who they are (session, user and roles: every request reads the database)."""
    headers = {"Cookie": cookie}
    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(lambda _i: get(f"{base}/api/v1/org/me", headers=headers)[0], range(REQUESTS)))


@pytest.mark.parametrize("shape", ["runserver", "granian"])
def test_thousands_of_requests_leave_at_most_the_pools_connections_open(settings, world, client, shape):
    db = settings.DATABASES["default"]
    client.force_login(world.secretary)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    port = free_port()
    env = {
        "DATABASE_URL": f"{database_url_of(db)}?application_name={APP_NAME}",
        "DB_POOL_MAX": str(POOL_MAX),
        # The setting that exhausted the server before the pool: it must not matter now.
        "DB_CONN_MAX_AGE": "60",
        "CELERY_BROKER_URL": "",
    }
    if shape == "runserver":
        command = [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
        bound = POOL_MAX
    else:
        # The production server (config/serve.py): two workers, more threads than pooled connections.
        command = [PYTHON, "-m", "config.serve"]
        env.update({"HOST": "127.0.0.1", "PORT": str(port), "QZ_WEB_WORKERS": "2", "QZ_WEB_THREADS": "8"})
        bound = 2 * POOL_MAX
    with running(command, env=env, ready_url=f"http://127.0.0.1:{port}/livez"):
        statuses = burst(f"http://127.0.0.1:{port}", cookie)
        after = open_connections(db)
    assert statuses.count(200) == REQUESTS
    assert 1 <= after <= bound, f"{after} connections open after {REQUESTS} requests (bound {bound})"
