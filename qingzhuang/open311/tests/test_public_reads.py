"""GeoReport v2 lets anyone read requests (a key is needed only to file): without an api_key, a county's reports are read
by its jurisdiction_id in the public view — place, category, status and dates, never the words, the photo link or the
staff's notes, nothing of the categories the county keeps private (独居老人需要帮助 by default) nor of reports rejected as
false. A county that switches the rule off answers the spec's 403 error list. Over real HTTP, in JSON and XML."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from qingzhuang.gate.models import RuleSetting
from qingzhuang.open311.tests.conftest import text_at, xml_of
from qingzhuang.open311.tests.test_requests_reach_and_status import _file
from qingzhuang.riders import services as riders


def test_anyone_reads_the_countys_reports_without_their_words(o311):
    report = _file(o311, text="3号楼楼道堆满纸箱，堵住了消防通道")

    rows = o311.get("requests.json", jurisdiction_id="611025").json()

    assert [r["service_request_id"] for r in rows] == [str(report.pk)]
    row = rows[0]
    assert row["status"] == "open" and row["service_name"] == "消防通道堵塞" and row["lat"] == report.lat
    assert row["description"] is None and row["media_url"] is None and row["status_notes"] == "已上报"
    assert "13900001111" not in str(rows) and "纸箱" not in str(rows)
    one = xml_of(o311.get(f"requests/{report.pk}.xml", jurisdiction_id="611025"))
    assert one.tag == "service_requests" and text_at(one, "request/description") == "" and "纸箱" not in ET.tostring(one, encoding="unicode")


def test_a_private_category_and_a_report_rejected_as_false_are_never_shown_without_a_key(o311):
    elderly = _file(o311, category=o311.category("独居老人需要帮助"), text="2号楼独居老人多日未见下楼")
    false = _file(o311, text="井盖好好的")
    riders.hazard_decide(actor=o311.world.secretary, report=false, status="rejected", note="现场核实并无问题")

    assert o311.get("requests.json", jurisdiction_id="611025").json() == []
    unknown = o311.get(f"requests/{elderly.pk}.json", jurisdiction_id="611025")
    assert unknown.status_code == 404 and unknown.json()[0]["code"] == "request_unknown"
    # The county office's own key still reads it, with its words.
    with_key = o311.get(f"requests/{elderly.pk}.json", api_key=o311.office_key).json()
    assert with_key[0]["description"] == "2号楼独居老人多日未见下楼"


def test_a_county_that_switches_public_reads_off_answers_the_specs_403(o311):
    _file(o311)
    RuleSetting.objects.create(rule="open311.public_reads", county=o311.world.zhenan, enabled=False, params={})

    refused = o311.get("requests.json", jurisdiction_id="611025")
    assert refused.status_code == 403 and refused.json()[0]["code"] == "api_key_missing"
    assert "镇安县" in refused.json()[0]["description"]
    assert text_at(xml_of(o311.get("requests/1.xml", jurisdiction_id="611025")), "error/code") == "api_key_missing"


def test_without_a_key_the_county_must_be_named(o311):
    missing = o311.get("requests.json")
    assert missing.status_code == 400 and missing.json()[0]["code"] == "jurisdiction_missing"
    unknown = o311.get("requests.json", jurisdiction_id="999999")
    assert unknown.status_code in (400, 404)
