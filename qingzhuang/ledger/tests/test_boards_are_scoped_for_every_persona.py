import pytest
from django.urls import reverse

from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.ledger.tests.data import fill

pytestmark = pytest.mark.django_db


def test_the_reviewer_sees_the_whole_county_and_the_street_officer_only_their_street(world, client_for):
    fill(world)

    county = client_for(world.reviewer).get(reverse("ledger:board"), {"p": "2024"}).context["data"]
    street = client_for(world.street_officer).get(reverse("ledger:board"), {"p": "2024"}).context["data"]

    assert {r[0].text for r in county.receivers.rows} >= {"新城社区", "长发村", "永乐街道办事处", "西口回族镇人民政府"}
    assert street.root == world.yongle
    assert {r[0].text for r in street.receivers.rows} == {"永乐街道办事处", "新城社区"}
    assert street.totals["documents.received"] == (8.0, 10.0)


def test_the_department_leader_sees_what_the_department_pushed_down(world, client_for):
    fill(world)

    data = client_for(world.leader).get(reverse("ledger:board"), {"p": "2024", "m": "documents.received"}).context["data"]

    assert data.root == world.civil_affairs
    assert [(r[0].text, r[1].value) for r in data.issuers.rows] == [("镇安县民政局", 16)]
    assert data.receivers.rows == []


@pytest.mark.parametrize("persona", ["secretary", "worker", "rider", "clerk"])
def test_people_without_a_board_are_sent_to_their_own_unit_or_refused(world, client_for, persona):
    response = client_for(getattr(world, persona)).get(reverse("ledger:board"))

    assert response.status_code in (302, 403)
    if persona in ("secretary", "worker", "rider"):
        assert response.status_code == 302


@pytest.mark.parametrize("persona", ["secretary", "worker", "rider"])
def test_community_people_open_their_own_page_but_not_a_village_of_another_town(world, client_for, persona):
    client = client_for(getattr(world, persona))

    assert client.get(reverse("ledger:unit", args=[world.xincheng.pk])).status_code == 200
    assert client.get(reverse("ledger:unit", args=[world.changfa.pk])).status_code == 403


def test_the_street_officer_may_not_open_another_towns_village_or_board(world, client_for):
    client = client_for(world.street_officer)

    assert client.get(reverse("ledger:unit", args=[world.changfa.pk])).status_code == 403
    assert client.get(reverse("ledger:board"), {"unit": world.xikou.pk}).status_code == 403
    assert client.get(reverse("ledger:board"), {"unit": world.office.pk}).status_code == 403


def test_another_countys_reviewer_sees_none_of_zhenan(world, client_for):
    fill(world)
    client = client_for(world.outsider)

    assert client.get(reverse("ledger:board"), {"unit": world.office.pk}).status_code == 403
    assert client.get(reverse("ledger:unit", args=[world.xincheng.pk])).status_code == 403
    assert client.get(reverse("ledger:board"), {"unit": world.office.pk, "export": "receivers"}).status_code == 403
    own = client.get(reverse("ledger:board"), {"p": "2024"}).context["data"]
    assert own.root == world.beilin_office and own.totals["documents.received"] == (0.0, 0.0)


def test_a_refused_report_request_creates_nothing(world, client_for):
    from qingzhuang.jobs.models import Job
    from qingzhuang.ledger.models import LedgerReport

    before = LedgerMonth.objects.count()
    response = client_for(world.street_officer).post(reverse("ledger:report_start"), {"unit": world.office.pk, "kind": "annual", "p": "2024"})

    assert response.status_code == 403
    assert not Job.objects.exists() and not LedgerReport.objects.exists()
    assert LedgerMonth.objects.count() == before


def test_the_admin_sees_every_county(world, client_for):
    fill(world)
    response = client_for(world.admin).get(reverse("ledger:board"), {"unit": world.beilin_office.pk, "p": "2024"})
    assert response.status_code == 200
