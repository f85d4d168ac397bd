"""The liaison pages: the cadre logs a visit with a finding from the phone page and turns the finding into a case; the
community's page shows who came, what they found and the case; others see nothing of it and cannot post."""

import pytest
from django.urls import reverse

from qingzhuang.cases.models import Case, Source
from qingzhuang.visits.models import Finding, Visit
from qingzhuang.visits.testing import TODAY, pair

pytestmark = pytest.mark.django_db
LOG = {"leader": "李四", "members": "张三", "member_count": "2", "purpose": "了解社区服务阵地情况", "visited_on": TODAY,
       "finding": "党群服务中心面积不足，居民活动挤在走廊。", "category": "facility"}


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = TODAY


def test_the_cadre_logs_a_visit_raises_its_finding_and_the_community_sees_both(world, client_for):
    pair(world.civil_affairs, world.xincheng)
    cadre = client_for(world.clerk)
    page = cadre.get(reverse("visits:liaison")).content.decode()
    assert "登记走访" in page and "新城社区" in page and "长发村" not in page

    refused = cadre.post(reverse("visits:liaison"), {**LOG, "community": world.xincheng.pk, "member_count": "-5"})
    assert refused.status_code == 400 and "人数" in refused.content.decode() and Visit.objects.count() == 0

    done = cadre.post(reverse("visits:liaison"), {**LOG, "community": world.xincheng.pk})
    visit = Visit.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("visits:detail", args=[visit.pk])
    finding = Finding.objects.get()
    detail = cadre.get(reverse("visits:detail", args=[visit.pk])).content.decode()
    assert "党群服务中心面积不足" in detail and "转为诉求" in detail

    not_beyond = cadre.post(reverse("visits:finding_raise", args=[finding.pk]), {"title": "服务中心面积不足"})
    assert not_beyond.status_code == 302 and Case.objects.count() == 0
    assert "不能办" in cadre.get(reverse("visits:detail", args=[visit.pk])).content.decode()

    raised = cadre.post(reverse("visits:finding_raise", args=[finding.pk]), {"title": "服务中心面积不足", "beyond_ability": "1"})
    case = Case.objects.get()
    assert raised["Location"] == reverse("cases:case", args=[case.pk]) and case.source == Source.VISIT

    community = client_for(world.secretary).get(reverse("visits:liaison")).content.decode()
    assert "镇安县民政局" in community and "党群服务中心面积不足" in community and f"诉求{case.pk}号" in community
    timeline = client_for(world.secretary).get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "代新城社区" in timeline and "镇安县民政局" in timeline
    source = reverse("visits:finding", args=[finding.pk])
    assert f'href="{source}"' in timeline
    assert client_for(world.secretary).get(source)["Location"] == reverse("visits:detail", args=[visit.pk]) + "#findings"
    assert client_for(world.outsider).get(source).status_code in (403, 404)


def test_others_cannot_record_or_raise_and_see_nothing(world, client_for):
    pair(world.civil_affairs, world.xincheng)
    client_for(world.clerk).post(reverse("visits:liaison"), {**LOG, "community": world.xincheng.pk})
    visit, finding = Visit.objects.get(), Finding.objects.get()
    for user in (world.secretary, world.outsider):
        assert client_for(user).post(reverse("visits:finding_raise", args=[finding.pk]), {"title": "越权", "beyond_ability": "1"}).status_code in (403, 404)
        assert client_for(user).post(reverse("visits:finding_add", args=[visit.pk]), {"text": "越权", "category": "other"}).status_code in (403, 404)
    assert Case.objects.count() == 0 and Finding.objects.count() == 1
    assert "党群服务中心面积不足" not in client_for(world.outsider).get(reverse("visits:liaison")).content.decode()


def test_the_api_records_a_finding_and_turns_it_into_a_case_and_refuses_hostile_input(world, client_for):
    import json

    from qingzhuang.visits.testing import log

    pair(world.civil_affairs, world.xincheng)
    visit = log(world.civil_affairs, world.xincheng, findings=[])
    api = client_for(world.clerk)
    bad = api.post(f"/api/v1/visits/{visit.pk}/findings", json.dumps({"text": "\u3000\u200b", "category": "facility"}), content_type="application/json")
    assert bad.status_code == 400 and bad.json()["error"]["fields"][0]["loc"][-1] == "text" and Finding.objects.count() == 0
    made = api.post(f"/api/v1/visits/{visit.pk}/findings", json.dumps({"text": "路灯两盏不亮", "category": "infrastructure"}),
                    content_type="application/json")
    assert made.status_code == 201
    finding_id = made.json()["id"]
    refused = client_for(world.secretary).post(f"/api/v1/visits/findings/{finding_id}/case", json.dumps({"title": "路灯不亮", "beyond_power": True}),
                                               content_type="application/json")
    assert refused.status_code == 403 and Case.objects.count() == 0
    raised = client_for(world.clerk).post(f"/api/v1/visits/findings/{finding_id}/case", json.dumps({"title": "路灯不亮", "beyond_power": True}),
                      content_type="application/json")
    assert raised.status_code == 200 and raised.json()["case_status"] == "raised", raised.json()
    assert Case.objects.get().source_ref == f"visits.Finding:{finding_id}"
    listed = client_for(world.secretary).get(f"/api/v1/visits/{visit.pk}/findings").json()
    assert [f["case_id"] for f in listed] == [Case.objects.get().pk]
