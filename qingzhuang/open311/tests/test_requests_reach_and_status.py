"""GET requests: its filters and default window, a key reads only its county within its account's reach (another
county's key reads nothing of it), and the hazard report's state as Open311 open/closed with its notes, the unit it was
routed to, and the case's deadline as expected_datetime once it became a case."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from qingzhuang.cases.models import Case
from qingzhuang.open311.tests.conftest import text_at, xml_of
from qingzhuang.riders import services as riders
from qingzhuang.riders.models import HazardReport

IN_XINCHENG = ("33.425", "109.155")


def _file(o311, key=None, category=None, point=IN_XINCHENG, text="主路井盖塌陷，需要市政更换"):
    response = o311.post("json", api_key=key or o311.rider_key, service_code=category or o311.category(), lat=point[0],
                         long=point[1], description=text, phone="13900001111")
    assert response.status_code == 201, response.text
    return HazardReport.objects.get(pk=int(response.json()[0]["service_request_id"]))


def _ids(response):
    assert response.status_code == 200, response.text
    return [int(r["service_request_id"]) for r in response.json()]


def test_filters_by_id_list_code_status_and_dates(o311):
    world = o311.world
    fire = _file(o311)
    cover = _file(o311, category=o311.category("井盖破损缺失"))
    riders.hazard_decide(actor=world.secretary, report=cover, status="rejected", note="现场核实无此情况")
    old = riders.hazard_report(actor=world.rider, category=o311.category(), description="半年前的旧上报", lat=IN_XINCHENG[0],
                               lng=IN_XINCHENG[1], datum="wgs84", now=timezone.now() - dt.timedelta(days=200))
    key = o311.rider_key

    assert _ids(o311.get("requests.json", api_key=key)) == [cover.pk, fire.pk]  # the last 90 days, newest first
    assert _ids(o311.get("requests.json", api_key=key, service_request_id=f"{old.pk},{fire.pk}")) == [fire.pk, old.pk]
    assert _ids(o311.get("requests.json", api_key=key, status="open")) == [fire.pk]
    assert _ids(o311.get("requests.json", api_key=key, status="closed,open")) == [cover.pk, fire.pk]
    assert _ids(o311.get("requests.json", api_key=key, service_code=f"{o311.category('井盖破损缺失')},999")) == [cover.pk]
    start = (timezone.now() - dt.timedelta(days=210)).isoformat(timespec="seconds")
    end = (timezone.now() - dt.timedelta(days=190)).isoformat(timespec="seconds")
    assert _ids(o311.get("requests.json", api_key=key, start_date=start, end_date=end)) == [old.pk]
    assert _ids(o311.get("requests.json", api_key=key, start_date=start)) == [old.pk]  # start alone: 90 days from it
    root = xml_of(o311.get("requests.xml", api_key=key, status="closed"))
    assert [r.tag for r in root] == ["request"] and text_at(root, "request/status") == "closed"
    assert "现场核实无此情况" in text_at(root, "request/status_notes")


def test_another_countys_key_reads_nothing_of_this_county(o311):
    report = _file(o311)
    key = o311.outsider_key

    assert o311.get(f"requests/{report.pk}.json", api_key=key).status_code == 404
    assert _ids(o311.get("requests.json", api_key=key, service_request_id=str(report.pk))) == []
    assert _ids(o311.get("requests.json", api_key=key)) == []
    denied = o311.get("requests.json", api_key=key, jurisdiction_id="611025")
    assert denied.status_code == 403 and denied.json()[0]["code"] == "jurisdiction_other"
    token = report.open311.token
    assert o311.get(f"tokens/{token}.json", api_key=key).status_code == 404
    # 碑林区's own services are its own list, not 镇安县's.
    assert o311.get("services.json", api_key=key).json() != o311.get("services.json", jurisdiction_id="611025").json()


def test_a_rider_key_reads_only_its_own_reports_and_the_county_office_reads_the_countys(o311):
    world = o311.world
    mine = _file(o311)
    other = riders.hazard_report(actor=world.rider, category=o311.category(), description="另一条",
                                 lat=IN_XINCHENG[0], lng=IN_XINCHENG[1], datum="wgs84")
    HazardReport.objects.filter(pk=other.pk).update(reporter=world.worker)  # someone else's report in the same community

    assert _ids(o311.get("requests.json", api_key=o311.rider_key)) == [mine.pk]
    assert _ids(o311.get("requests.json", api_key=o311.office_key)) == [other.pk, mine.pk]


def test_states_map_to_open_and_closed_and_a_case_gives_the_expected_time(o311):
    world = o311.world
    report = _file(o311)
    key = o311.office_key

    def row():
        return o311.get(f"requests/{report.pk}.json", api_key=key).json()[0]

    first = row()
    assert first["status"] == "open" and first["agency_responsible"] == "新城社区" and first["expected_datetime"] is None
    riders.hazard_decide(actor=world.secretary, report=report, status="confirmed")
    riders.hazard_escalate(actor=world.secretary, report=HazardReport.objects.get(pk=report.pk), beyond_power=True)
    case = Case.objects.get()
    escalated = row()
    assert escalated["status"] == "open" and f"{case.pk}" in escalated["status_notes"]
    assert escalated["updated_datetime"] >= first["updated_datetime"]
    # The case's resolve-by deadline (set when it is raised, by the county's case.deadlines rule).
    assert case.resolve_due is not None
    assert escalated["expected_datetime"] == timezone.localtime(case.resolve_due).isoformat(timespec="seconds")
    assert escalated["expected_datetime"].endswith("+08:00")
    riders.hazard_decide(actor=world.secretary, report=HazardReport.objects.get(pk=report.pk), status="fixed")
    assert row()["status"] == "closed"
    assert "13900001111" not in o311.get(f"requests/{report.pk}.xml", api_key=key).text
