"""Demo data for forms (filled in later)."""

from typing import Any


def seed(ctx: Any) -> None:
    return None
