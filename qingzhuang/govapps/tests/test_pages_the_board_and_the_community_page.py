"""The pages and the ledger: the registry page, a unit's list, the entry page with its verdicts and actions; the county
board's section (active, closed and merged in the period, banned practices found, the count per community) and the
community page's list with its basis."""

import datetime as dt

import pytest

from qingzhuang.govapps import services
from qingzhuang.govapps.testing import register
from qingzhuang.govapps.views import board_section, unit_section
from qingzhuang.ledger.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def story(world):
    """A group found in place with a banned practice, merged into another this year; a filed app registered today."""
    checkin = services.entry_record_found(actor=world.reviewer, owner=world.yongle, name="永乐街道网格员工作群", kind="group", platform="wechat",
                                          purpose="网格员日常工作部署", description="每日接龙打卡", practices=["check_in"],
                                          units=[world.xincheng], since=dt.date(2024, 3, 1))
    successor = services.entry_record_found(actor=world.reviewer, owner=world.yongle, name="永乐街道综合工作群", kind="group", platform="wechat",
                                            purpose="街道社区日常工作部署", units=[world.xincheng], since=dt.date(2026, 6, 30))
    services.entry_merge(actor=world.reviewer, entries=[checkin], into=successor, merged_on=dt.date(2026, 6, 30), reason="多群合一")
    return register(world), successor


def test_the_county_board_section_counts_from_the_records(world):
    app, _successor = story(world)

    html = board_section(world.reviewer, world.office, Period("year", 2026))
    old = board_section(world.reviewer, world.office, Period("year", 2025))

    assert 'id="govapps-board"' in html and "0 / 1" in html  # closed / merged in 2026
    assert "新城社区" in html and "长发村" in html and "打卡" in html
    assert "0 / 0" in old and app.name not in old
    assert board_section(world.outsider, world.office, Period("year", 2026)) == ""
    assert board_section(world.reviewer, world.xincheng, Period("year", 2026)) == ""


def test_the_community_page_lists_what_it_must_use_with_its_basis(world):
    app, successor = story(world)

    html = unit_section(world.secretary, world.xincheng, Period("year", 2026))

    assert 'id="govapps-unit"' in html and app.name in html and successor.name in html and "陕网信备61102526000001号" in html
    assert "永乐街道网格员工作群" in html  # stopped in the period, pointing to its successor
    assert unit_section(world.outsider, world.xincheng, Period("year", 2026)) == ""


def test_the_pages_open_for_each_persona(world, client_for):
    app, successor = story(world)

    county = client_for(world.reviewer).get("/govapps/").content.decode()
    assert "登记台账" in county and app.name in county and "发现含禁止做法的" in county
    merged = client_for(world.reviewer).get("/govapps/?status=merged").content.decode()
    assert "永乐街道网格员工作群" in merged and "已整合" in merged
    secretary = client_for(world.secretary)
    mine = secretary.get("/govapps/").content.decode()
    assert "新城社区须使用2个应用和工作群" in mine and "登记台账" not in mine
    assert secretary.get("/govapps/mine/").status_code == 302
    detail = client_for(world.reviewer).get(f"/govapps/{app.pk}/").content.decode()
    assert "关口审查意见" in detail and "整合至" in detail and "关停" in detail
    assert client_for(world.clerk).get(f"/govapps/new/?owner={world.civil_affairs.pk}").status_code == 200
    ledger_page = client_for(world.secretary).get(f"/ledger/units/{world.xincheng.pk}/?p=2026").content.decode()
    assert 'id="govapps-unit"' in ledger_page and app.name in ledger_page


def test_the_department_registers_and_the_county_closes_on_the_pages(world, client_for):
    response = client_for(world.clerk).post("/govapps/new/", {
        "owner": world.civil_affairs.pk, "register": "1", "name": "镇安民政服务", "kind": "app", "purpose": "低保业务办理",
        "filing_status": "filed", "filing_number": "陕网信备3号", "filed_on": "2026-02-01", "units": [world.xincheng.pk, world.changfa.pk]})
    assert response.status_code == 302
    refused = client_for(world.clerk).post("/govapps/new/", {
        "owner": world.civil_affairs.pk, "register": "1", "name": "民政学习打卡", "kind": "mini_program", "purpose": "干部学习",
        "practices": ["check_in"], "filing_status": "filed", "filing_number": "陕网信备4号", "filed_on": "2026-02-01", "units": [world.xincheng.pk]})
    assert refused.status_code == 400 and "打卡" in refused.content.decode()

    entry_url = response["Location"]
    closed = client_for(world.reviewer).post(entry_url, {"action": "close", "ended_on": "2026-11-27", "reason": "并入省级平台"})
    assert closed.status_code == 302
    assert "无须使用的应用或工作群" in client_for(world.secretary).get(f"/govapps/unit/{world.xincheng.pk}/").content.decode()
