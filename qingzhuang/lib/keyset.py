"""Keyset paging for lists shown newest first: the next page starts after the last row shown, whatever was added
since (no OFFSET that skips or repeats rows when new ones arrive, and no scan of the pages before).

The cursor is "<timestamp in microseconds>.<id>" of the last row: opaque to the user, checked strictly when read (a
cursor that does not parse is the first page, never an error page).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)
_CURSOR = re.compile(r"(\d{1,17})\.(\d{1,18})")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def cursor_of(row: Any, field: str) -> str:
    """The cursor that starts the page after ``row``."""
    moment = getattr(row, field)
    micros = (moment - EPOCH) // dt.timedelta(microseconds=1)
    return f"{micros}.{row.pk}"


def _parse(cursor: str | None) -> tuple[dt.datetime, int] | None:
    found = _CURSOR.fullmatch((cursor or "").strip())
    if not found:
        return None
    try:
        moment = EPOCH + dt.timedelta(microseconds=int(found.group(1)))
    except OverflowError:
        return None
    return moment, int(found.group(2))


def keyset_page(qs: QuerySet[M], *, field: str, after: str | None, size: int) -> tuple[list[M], str]:
    """One page of ``qs`` by ``field`` then id, newest first, after the cursor; and the cursor of the next page ("" at the end)."""
    start = _parse(after)
    if start is not None:
        moment, pk = start
        qs = qs.filter(Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "pk__lt": pk}))
    rows = list(qs.order_by(f"-{field}", "-pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return rows, (cursor_of(rows[-1], field) if more and rows else "")
