import pytest
from django.utils import timezone

from qingzhuang.gate.models import Quota
from qingzhuang.gate.services import quota_set

pytestmark = pytest.mark.django_db


def test_the_board_shows_every_issuing_unit_with_its_colours_and_the_county_total(world, client_for):
    year = timezone.localdate().year
    quota_set(actor=None, unit=world.civil_affairs, year=year, kind="documents", limit=0)
    quota_set(actor=None, unit=world.education, year=year, kind="documents", limit=10)
    response = client_for(world.reviewer).get(f"/gate/board/?year={year}")
    assert response.status_code == 200
    board = response.context["board"]
    names = [r.unit.name for r in board.rows]
    assert names[0] == "镇安县民政局"  # red first
    assert {"镇安县委办公室", "镇安县教育局", "永乐街道办事处", "西口回族镇人民政府"} <= set(names)
    assert board.totals[0].limit == 10 and board.counts["red"] == 1


@pytest.mark.parametrize("persona", ["clerk", "leader", "street_officer", "secretary", "rider", "outsider"])
def test_only_a_county_reviewer_sees_the_board_of_their_county(world, client_for, persona):
    assert client_for(getattr(world, persona)).get("/gate/board/").status_code == 403 or persona == "outsider"
    if persona == "outsider":
        response = client_for(world.outsider).get(f"/gate/board/?county={world.zhenan.pk}")
        assert response.context["board"].county == world.beilin


def test_the_reviewer_sets_quotas_on_the_plans_page_and_a_limit_below_use_is_refused(world, client_for):
    year = timezone.localdate().year
    client = client_for(world.reviewer)
    field = f"q-{world.civil_affairs.pk}-documents"
    assert client.post(f"/gate/quotas/?year={year}", {field: "12", "year": year}).status_code == 302
    quota = Quota.objects.get(unit=world.civil_affairs, year=year, kind="documents")
    assert quota.limit == 12
    Quota.objects.filter(pk=quota.pk).update(used=5)
    response = client.post(f"/gate/quotas/?year={year}", {field: "3", "year": year})
    assert response.status_code == 200 and Quota.objects.get(pk=quota.pk).limit == 12


def test_a_clerk_cannot_set_quotas(world, client_for):
    year = timezone.localdate().year
    response = client_for(world.clerk).post("/gate/quotas/", {f"q-{world.civil_affairs.pk}-documents": "99", "year": year})
    assert response.status_code == 403 and not Quota.objects.exists()


def test_the_board_api_gives_the_same_figures(world, client_for):
    year = timezone.localdate().year
    quota_set(actor=None, unit=world.education, year=year, kind="documents", limit=4)
    body = client_for(world.reviewer).get(f"/api/v1/gate/board?year={year}").json()
    assert body["county_code"] == "611025" and body["totals"][0]["limit"] == 4
    quotas = client_for(world.clerk).get(f"/api/v1/gate/quotas?year={year}").json()
    assert quotas == []  # the clerk's department has no quota; 教育局's is not theirs
