"""Ledger rows for the tests, added the way the documents and meetings services add them."""

import datetime as dt

from qingzhuang.ledger.services import ledger_add_many


def fill(world) -> None:
    """2023: 10 documents to each of 新城社区 and 长发村 from 民政局, 6 meetings; 2024: 8 documents, 5 meetings."""
    for year, docs, meetings in ((2023, 10, 6), (2024, 8, 5)):
        for n in range(docs):
            day = dt.date(year, 1 + n % 12, 10)
            rows = [(u.pk, day, 1.0, world.civil_affairs.pk) for u in (world.xincheng, world.changfa)]
            ledger_add_many(measure="documents.received", rows=rows)
            ledger_add_many(measure="documents.chars_received", rows=[(u, d, 2000.0, i) for u, d, _a, i in rows])
        for n in range(meetings):
            day = dt.date(year, 1 + n % 12, 20)
            rows = [(u.pk, day, 1.0, world.education.pk) for u in (world.xincheng, world.changfa)]
            ledger_add_many(measure="meetings.attended", rows=rows)
            ledger_add_many(measure="meetings.hours", rows=[(u, d, 1.5, i) for u, d, _a, i in rows])
