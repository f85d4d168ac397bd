"""The board's tables are cached under the rollups' version: a change of the rollups (a document issued,
the rebuild) shows on the next view, and an unchanged board is served from the cache."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qingzhuang.ledger.article import DOCUMENTS
from qingzhuang.ledger.models import LedgerMonth, LedgerYear
from qingzhuang.ledger.periods import YEAR, Period
from qingzhuang.ledger.rebuild import ledger_rebuild
from qingzhuang.ledger.selectors import board
from qingzhuang.ledger.tests.held_out import issue_document

pytestmark = pytest.mark.django_db


def documents_received(world, year=2025):
    return board(user=world.reviewer, root=world.office, period=Period(YEAR, year), measure_code=DOCUMENTS).totals[DOCUMENTS][0]


def test_an_unchanged_board_is_read_from_the_cache(world):
    issue_document(issuer=world.civil_affairs, recipients=[world.xincheng], on=dt.date(2025, 4, 1), seed=1)
    documents_received(world)

    with CaptureQueriesContext(connection) as second:
        documents_received(world)

    assert not any("ledger_ledgermonth" in q["sql"] or "ledger_ledgeryear" in q["sql"] for q in second.captured_queries)


def test_a_document_issued_shows_on_the_next_view_of_the_board(world, client_for):
    issue_document(issuer=world.civil_affairs, recipients=[world.xincheng], on=dt.date(2025, 4, 1), seed=1)
    url = reverse("ledger:board") + f"?unit={world.office.pk}&p=2025&m={DOCUMENTS}"
    client = client_for(world.reviewer)
    assert documents_received(world) == 1
    client.get(url)

    issue_document(issuer=world.civil_affairs, recipients=[world.xincheng, world.changfa], on=dt.date(2025, 5, 1), seed=2)

    assert documents_received(world) == 3
    page = client.get(url).content.decode()
    row = page[page.index(">新城社区<"):].split("</tr>")[0]
    assert ">2<" in row


def test_the_rebuild_invalidates_the_cached_boards(world):
    issue_document(issuer=world.civil_affairs, recipients=[world.xincheng], on=dt.date(2025, 4, 1), seed=1)
    # A rollup row that lies (written around the services): the board computed now shows it, and caches it.
    LedgerMonth.objects.filter(unit=world.xincheng, measure=DOCUMENTS).update(value=40)
    LedgerYear.objects.filter(unit=world.xincheng, measure=DOCUMENTS).update(value=40)
    assert documents_received(world) == 40

    ledger_rebuild(first_year=2024, last_year=2026)

    # The rebuild recomputes the rollups from raw records and bumps their version: the board follows.
    assert documents_received(world) == 1


def test_a_unit_renamed_or_its_staff_changed_shows_on_the_next_view_of_the_board(world, client_for):
    from qingzhuang.org.services import profile_set, unit_update

    issue_document(issuer=world.civil_affairs, recipients=[world.xincheng], on=dt.date(2025, 4, 1), seed=1)
    url = reverse("ledger:board") + f"?unit={world.office.pk}&p=2025&m={DOCUMENTS}"
    client = client_for(world.reviewer)
    assert ">新城社区<" in client.get(url).content.decode()

    unit_update(actor=None, unit=world.xincheng, name="新城新区社区")
    page = client.get(url).content.decode()
    assert ">新城新区社区<" in page and ">新城社区<" not in page

    # The heaviest-units table divides by the staff: a new profile shows at once, not after the cache expires.
    heaviest = board(user=world.reviewer, root=world.office, period=Period(YEAR, 2025), measure_code=DOCUMENTS).heaviest
    profile_set(actor=None, unit=world.xincheng, valid_from=dt.date(2025, 1, 1), households=3000, residents=9000, staff=3)
    after = board(user=world.reviewer, root=world.office, period=Period(YEAR, 2025), measure_code=DOCUMENTS).heaviest
    assert after.rows != heaviest.rows
