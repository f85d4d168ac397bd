"""Liveness and readiness: is the process up, and can it serve (database and, when configured, the broker)?"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

BROKER_TIMEOUT_SECONDS = 2
CONNECT_TIMEOUT_SECONDS = 3


def database_problem() -> str | None:
    """Why the database cannot answer, or None when a trivial query succeeds.

    On PostgreSQL the probe opens its own short connection with a short timeout: a probe must answer within
    seconds, and the pool would wait DB_POOL_TIMEOUT for a server that is down.
    """
    try:
        db = connections["default"]
        if db.vendor == "postgresql":
            _postgres_select_one(db.settings_dict)
        else:
            with db.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except Exception as exc:
        return _("database unreachable: %(reason)s") % {"reason": _first_line(exc)}
    return None


def _postgres_select_one(settings_dict: dict[str, Any]) -> None:
    import psycopg

    params = {"dbname": settings_dict["NAME"], "user": settings_dict.get("USER") or None, "password": settings_dict.get("PASSWORD") or None,
              "host": settings_dict.get("HOST") or None, "port": settings_dict.get("PORT") or None}
    with psycopg.connect(**{k: v for k, v in params.items() if v}, connect_timeout=CONNECT_TIMEOUT_SECONDS, autocommit=True) as conn:
        conn.execute("SELECT 1").fetchone()


def broker_problem() -> str | None:
    """Why the Celery broker cannot be reached (None when reachable or when none is configured)."""
    url = settings.CELERY_BROKER_URL
    if not url:
        return None
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=BROKER_TIMEOUT_SECONDS) as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception as exc:
        return _("broker unreachable: %(reason)s") % {"reason": _first_line(exc)}
    return None


def readiness_problems() -> list[str]:
    return [p for p in (database_problem(), broker_problem()) if p]


def database_address() -> str:
    db = settings.DATABASES["default"]
    if "sqlite" in db["ENGINE"]:
        return str(db["NAME"])
    return f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db.get('NAME')}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
