"""Django for the province-scale benchmarks: on PostgreSQL only, without login lockouts, set up once.

    sys.path.insert(0, ROOT); from bench.postgres_django import setup; setup(example_db="qz_bench")
"""

from __future__ import annotations

import os
import sys


def setup(*, example_db: str, extra_apps: str = "") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("QZ_AXES_ENABLED", "false")
    if extra_apps:
        os.environ["QZ_EXTRA_APPS"] = extra_apps
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(f"set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/{example_db}")
    import django

    django.setup()
