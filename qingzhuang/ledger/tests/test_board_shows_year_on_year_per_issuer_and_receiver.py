import pytest
from django.db.models import Sum
from django.urls import reverse

from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.ledger.selectors import _grassroots, _whole_county
from qingzhuang.ledger.tests.data import fill

pytestmark = pytest.mark.django_db


def test_the_county_reviewer_sees_documents_this_year_against_last_by_issuer_and_receiver(world, client_for):
    fill(world)

    response = client_for(world.reviewer).get(reverse("ledger:board"), {"p": "2024", "m": "documents.received"})

    assert response.status_code == 200
    data = response.context["data"]
    assert data.root == world.office
    assert data.totals["documents.received"] == (16.0, 20.0)
    documents_row = data.summary.rows[[m.code for m in data.measures].index("documents.received")]
    assert [c.text for c in documents_row[3:]] == ["16", "20", "-20.0%"]
    issuers = [(r[0].text, r[1].value, r[2].value, r[3].text) for r in data.issuers.rows]
    assert issuers == [("镇安县民政局", 16, 20, "-20.0%")]
    receivers = {r[0].text: (r[1].value, r[2].value) for r in data.receivers.rows}
    assert receivers["新城社区"] == (8, 10) and receivers["长发村"] == (8, 10)
    assert [r[1].value for r in data.trend.rows][:4] == [2, 2, 2, 2]
    content = response.content.decode()
    assert 'type="application/json"' in content and "<script>" not in content


def test_a_quarter_compares_with_the_same_quarter_last_year(world, client_for):
    fill(world)

    data = client_for(world.reviewer).get(reverse("ledger:board"), {"p": "2024-Q1", "m": "documents.received"}).context["data"]

    assert [(r[1].value, r[2].value) for r in data.issuers.rows] == [(6, 6)]
    assert [(r[1].value, r[2].value) for r in data.receivers.rows if r[1].value or r[2].value] == [(3, 3), (3, 3)]
    assert data.totals["documents.received"] == (6.0, 6.0)


def test_a_month_compares_with_the_same_month_last_year(world, client_for):
    fill(world)  # documents in months 1–10 of 2023 and 1–8 of 2024

    august = client_for(world.reviewer).get(reverse("ledger:board"), {"p": "2024-08"}).context["data"]
    october = client_for(world.reviewer).get(reverse("ledger:board"), {"p": "2024-10"}).context["data"]

    assert august.totals["documents.received"] == (2.0, 2.0)
    assert october.totals["documents.received"] == (0.0, 2.0)


def test_the_county_trend_read_from_the_county_rollup_equals_its_communities_months(world, client_for):
    fill(world)
    data = client_for(world.reviewer).get(reverse("ledger:board"), {"p": "2024", "m": "meetings.hours"}).context["data"]

    assert _whole_county(world.office, _grassroots(world.reviewer, "ledger.view_board", world.office))
    months = dict(
        LedgerMonth.objects.filter(unit__county=world.zhenan, measure="meetings.hours", month__year=2024)
        .values_list("month__month")
        .annotate(total=Sum("value"))
    )
    assert [r[1].value for r in data.trend.rows] == [months.get(m, 0.0) for m in range(1, 13)]
    assert sum(r[2].value for r in data.trend.rows) == 6 * 2 * 1.5  # 2023: six meetings, two communities, 1.5 h
    assert not _whole_county(world.yongle, _grassroots(world.street_officer, "ledger.view_board", world.yongle))
