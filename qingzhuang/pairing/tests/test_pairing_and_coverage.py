"""The county files pairings and sees coverage at a glance: communities with no department, departments with too many."""

import datetime as dt

import pytest

from qingzhuang.gate.models import RuleSetting
from qingzhuang.org import services as org_services
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.pairing import selectors, services
from qingzhuang.pairing.errors import PairingError
from qingzhuang.pairing.models import Pairing

DAY = dt.date(2026, 3, 1)


def test_a_filed_pairing_covers_its_community_and_an_uncovered_one_is_listed(world):
    services.pairing_file(actor=world.reviewer, department=world.civil_affairs, community=world.xincheng, leader="王局长", cadres="李四、张三",
                          valid_from=dt.date(2026, 1, 1))
    cover = selectors.coverage(world.zhenan, DAY)
    assert (cover.communities, cover.covered) == (2, 1)
    assert cover.uncovered == [world.changfa]
    assert cover.idle == [world.education]
    assert selectors.departments_for(world.xincheng, DAY) == [world.civil_affairs]


def test_a_department_past_the_county_limit_is_flagged_and_warned(world):
    RuleSetting.objects.create(rule="pairing.load", county=world.zhenan, params={"max_communities": 1})
    services.pairing_file(actor=world.reviewer, department=world.civil_affairs, community=world.xincheng, leader="王局长", valid_from=DAY)
    _pairing, report = services.pairing_file(actor=world.reviewer, department=world.civil_affairs, community=world.changfa, leader="王局长",
                                             valid_from=DAY)
    assert report.outcome == "warn"
    assert selectors.coverage(world.zhenan, DAY).overloaded == [(world.civil_affairs, 2)]


def test_an_ended_pairing_no_longer_covers(world):
    pairing, _ = services.pairing_file(actor=world.reviewer, department=world.civil_affairs, community=world.xincheng, leader="王局长",
                                       valid_from=dt.date(2025, 1, 1))
    services.pairing_edit(actor=world.reviewer, pairing=pairing, leader="赵局长", cadres=["甲", "乙", "甲"], valid_to=dt.date(2025, 12, 31))
    pairing.refresh_from_db()
    assert (pairing.leader, pairing.cadres) == ("赵局长", "甲、乙")
    assert selectors.departments_for(world.xincheng, DAY) == []


@pytest.mark.parametrize("leader", ["", "\u3000\u00a0\u200b", "\ud800", "a\x00b", "长" * 100_000])
def test_a_hostile_leader_is_refused_in_chinese_and_nothing_is_written(world, leader):
    with pytest.raises(PairingError) as refused:
        services.pairing_file(actor=world.reviewer, department=world.civil_affairs, community=world.xincheng, leader=leader, valid_from=DAY)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(refused.value.message))
    assert Pairing.objects.count() == 0


def test_wrong_units_overlaps_and_other_counties_are_refused(world):
    cases = [
        {"department": world.xincheng, "community": world.xincheng},
        {"department": world.civil_affairs, "community": world.yongle},
        {"department": world.civil_affairs, "community": world.caochangpo},
    ]
    for units in cases:
        with pytest.raises(PairingError):
            services.pairing_file(actor=world.reviewer, leader="王", valid_from=DAY, **units)
    services.pairing_file(actor=world.reviewer, department=world.civil_affairs, community=world.xincheng, leader="王", valid_from=DAY)
    with pytest.raises(PairingError) as refused:
        services.pairing_file(actor=world.reviewer, department=world.civil_affairs, community=world.xincheng, leader="王", valid_from=DAY + dt.timedelta(days=5))
    assert refused.value.code == "overlap"
    with pytest.raises(PairingError):
        services.pairing_file(actor=world.reviewer, department=world.education, community=world.xincheng, leader="王", valid_from=DAY,
                              valid_to=DAY - dt.timedelta(days=1))
    assert Pairing.objects.count() == 1


def test_only_the_county_office_files_and_an_outsider_sees_nothing(world, client_for):
    from django.core.exceptions import PermissionDenied

    for actor in (world.clerk, world.secretary, world.outsider):
        with pytest.raises(PermissionDenied):
            services.pairing_file(actor=actor, department=world.civil_affairs, community=world.xincheng, leader="王", valid_from=DAY)
    services.pairing_file(actor=world.reviewer, department=world.civil_affairs, community=world.xincheng, leader="王局长", valid_from=DAY)
    assert selectors.pairings_visible(world.outsider).count() == 0
    assert selectors.pairings_visible(world.clerk).count() == 1
    assert selectors.pairings_visible(world.secretary).count() == 1
    page = client_for(world.outsider).get("/pairing/")
    assert "王局长" not in page.content.decode()


def test_the_county_page_shows_coverage_and_files_a_pairing(world, client_for):
    client = client_for(world.reviewer)
    page = client.get("/pairing/")
    assert page.status_code == 200 and "长发村" in page.content.decode()
    posted = client.post("/pairing/", {"department": world.education.pk, "community": world.changfa.pk, "leader": "刘局长", "cadres": "小王",
                                       "valid_from": "2026-01-01"})
    assert posted.status_code == 302
    assert Pairing.objects.filter(department=world.education, community=world.changfa).exists()
    bad = client.post("/pairing/", {"department": world.education.pk, "community": world.xincheng.pk, "leader": "\u3000", "valid_from": "x"})
    assert bad.status_code == 400 and Pairing.objects.count() == 1
    assert client_for(world.clerk).post("/pairing/", {"department": world.education.pk}).status_code == 403


def test_the_api_files_and_reports_coverage(world, client_for):
    client = client_for(world.reviewer)
    made = client.post("/api/v1/pairing/", {"department_id": world.civil_affairs.pk, "community_id": world.xincheng.pk, "leader": "王局长",
                                             "cadres": ["李四"]}, content_type="application/json")
    assert made.status_code == 200, made.content
    cover = client.get(f"/api/v1/pairing/coverage/{world.office.pk}").json()
    assert cover["covered"] == 1 and cover["uncovered"] == ["长发村"]
    refused = client.post("/api/v1/pairing/", {"department_id": world.civil_affairs.pk, "community_id": world.changfa.pk, "leader": "a\x00"},
                          content_type="application/json")
    assert refused.status_code == 400 and Pairing.objects.count() == 1
    assert client_for(world.outsider).get(f"/api/v1/pairing/coverage/{world.office.pk}").status_code == 403
    assert client.post("/api/v1/pairing/", {"department_id": 10**23, "community_id": -5, "leader": "x"}, content_type="application/json").status_code in (400, 404, 422)


def test_a_new_department_shows_as_idle(world):
    org_services.unit_create(actor=None, name="镇安县水利局", kind=UnitKind.DEPARTMENT, region=world.zhenan, parent=world.office)
    assert "镇安县水利局" in [u.name for u in selectors.coverage(world.zhenan, DAY).idle]
    assert Unit.objects.filter(name="镇安县水利局").exists()
