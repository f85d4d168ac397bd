"""Demo data for duty lists, tasks and signboards (filled in below)."""

from typing import Any


def seed(ctx: Any) -> None:
    return None
