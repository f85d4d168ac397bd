"""A period not yet over is compared with the same days of last year, and says so.

Standing on 27 November 2026: the whole of 2026 so far against 2025 up to 27 November (not the whole of
2025 — December would show 0 against last December as a green −100%); December is blank; November is
compared day for day. The documents are issued through the services; "today" is set in one place.
"""

import datetime as dt

import pytest
from django.urls import reverse

from qingzhuang.ledger.article import DOCUMENTS
from qingzhuang.ledger.periods import MONTH, QUARTER, YEAR, Period
from qingzhuang.ledger.selectors import board
from qingzhuang.ledger.tests.held_out import issue_document

pytestmark = pytest.mark.django_db

TODAY = "2026-11-27"
# (day issued, how many): last year's documents after 27 November must not count against this year's so far.
ISSUED = [
    (dt.date(2025, 3, 10), 3), (dt.date(2025, 11, 20), 2), (dt.date(2025, 11, 29), 2), (dt.date(2025, 12, 15), 4),
    (dt.date(2026, 3, 10), 2), (dt.date(2026, 11, 25), 1),
]


@pytest.fixture
def documents(world, settings):
    settings.QZ_TODAY = TODAY
    seed = 0
    for day, count in ISSUED:
        for _ in range(count):
            seed += 1
            issue_document(issuer=world.civil_affairs, recipients=[world.xincheng], on=day, seed=seed)


def counted(first: dt.date, end: dt.date) -> int:
    return sum(n for day, n in ISSUED if first <= day < end)


def test_the_whole_year_so_far_is_compared_with_last_year_up_to_the_same_day(world, documents):
    data = board(user=world.reviewer, root=world.office, period=Period(YEAR, 2026), measure_code=DOCUMENTS)

    this, last = data.totals[DOCUMENTS]
    assert (this, last) == (counted(dt.date(2026, 1, 1), dt.date(2026, 11, 28)), counted(dt.date(2025, 1, 1), dt.date(2025, 11, 28)))
    assert (this, last) == (3, 5)
    summary = data.summary.rows[[r[0].text for r in data.summary.rows].index("收到文件数")]
    assert summary[5].value == pytest.approx(-0.4)
    assert data.summary.columns[3].label == "2026年（截至11月27日）" and data.summary.columns[4].label == "2025年（截至11月27日）"
    issuer = next(r for r in data.issuers.rows if r[0].text == world.civil_affairs.name)
    assert (issuer[1].value, issuer[2].value) == (3, 5)


def test_months_not_reached_are_blank_and_the_current_month_is_compared_day_for_day(world, documents):
    trend = board(user=world.reviewer, root=world.office, period=Period(YEAR, 2026), measure_code=DOCUMENTS).trend

    december = trend.rows[11]
    assert [c.text for c in december[1:]] == ["", "", ""]
    november = trend.rows[10]
    assert november[0].text == "11月*" and trend.note.startswith("* 11月截至27日，与2025年同期对比")
    assert (november[1].value, november[2].value, november[3].value) == (1, 2, -0.5)
    march = trend.rows[2]
    assert (march[1].value, march[2].value) == (2, 3)


@pytest.mark.parametrize(
    ("period", "this", "last"),
    [(Period(MONTH, 2026, 11), 1, 2), (Period(QUARTER, 2026, 4), 1, 2), (Period(MONTH, 2026, 3), 2, 3), (Period(YEAR, 2025), 11, 0)],
)
def test_the_current_month_and_quarter_compare_the_same_days_and_finished_periods_compare_whole(world, documents, period, this, last):
    data = board(user=world.reviewer, root=world.office, period=period, measure_code=DOCUMENTS)

    assert data.totals[DOCUMENTS] == (this, last)
    partial = period.end > dt.date(2026, 11, 28)
    assert ("截至11月27日" in data.summary.columns[3].label) == partial


def test_the_board_page_labels_the_comparison_and_shows_no_minus_100_percent(world, documents, client_for):
    page = client_for(world.reviewer).get(reverse("ledger:board") + f"?unit={world.office.pk}&p=2026&m={DOCUMENTS}").content.decode()

    assert "2026年（截至11月27日）" in page and "2025年（截至11月27日）" in page
    assert "-40.0%" in page
    assert "-100.0%" not in page


def test_the_summary_by_county_compares_the_same_days_too(world, documents):
    from qingzhuang.ledger.selectors import province_summary

    for user in (world.reviewer, world.admin):
        table = province_summary(user=user, period=Period(YEAR, 2026))
        column = next(i for i, c in enumerate(table.columns) if c.label == "收到文件数 2026年（截至11月27日）")
        row = next(r for r in table.rows if r[0].text == "镇安县")
        assert (row[column].value, row[column + 1].value) == (3, -0.4)
