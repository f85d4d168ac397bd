"""Open311 GeoReport v2 over real HTTP (a live server, the `requests` library): discovery, services and their
definition, filing a request routed like the rider's phone page, reading requests back in XML and JSON with the spec's
element names, and the reporter's name, phone and email never shown."""

from __future__ import annotations

from qingzhuang.open311.models import Submission
from qingzhuang.open311.tests.conftest import at, text_at, xml_of
from qingzhuang.riders.models import HazardReport
from qingzhuang.riders.testing import SPOT_GCJ, SPOT_WGS

REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address",
                  "address_id", "zipcode", "lat", "long", "media_url"]


def _file(o311, fmt="json", **overrides):
    form = {"api_key": o311.rider_key, "service_code": o311.category(), "lat": f"{SPOT_WGS[0]:.6f}", "long": f"{SPOT_WGS[1]:.6f}",
            "description": "3号楼消防通道被电动车堵死", "first_name": "骏", "last_name": "马", "phone": "13912349876",
            "email": "majun@example.cn", "device_id": "dev-1", "account_id": "acc-7", "media_url": "https://img.example.cn/a.jpg",
            "attribute[beyond_power]": "yes"}
    return o311.post(fmt, **{**form, **overrides})


def test_discovery_names_the_georeport_v2_endpoint_in_json_and_xml(o311):
    body = o311.get("discovery.json").json()
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2" and endpoint["url"] == o311.base
    assert endpoint["formats"] == ["text/xml", "application/json"] and endpoint["type"] == "production"
    assert {"changeset", "contact", "key_service"} <= set(body)
    root = xml_of(o311.get("discovery.xml"))
    assert root.tag == "discovery" and [f.text for f in root.findall("endpoints/endpoint/formats/format")] == ["text/xml", "application/json"]


def test_services_are_the_countys_hazard_categories_by_jurisdiction_or_by_key(o311):
    by_code = o311.get("services.json", jurisdiction_id="611025").json()
    by_key = o311.get("services.json", api_key=o311.rider_key).json()
    assert by_code == by_key and "消防通道堵塞" in [s["service_name"] for s in by_code]
    first = by_code[0]
    assert set(first) == {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
    assert first["metadata"] is True and first["type"] == "realtime"
    root = xml_of(o311.get("services.xml", jurisdiction_id="611025"))
    assert root.tag == "services" and text_at(root, "service/metadata") == "true"
    assert [text_at(s, "service_name") for s in root.findall("service")] == [s["service_name"] for s in by_code]


def test_a_service_definition_lists_its_attributes_with_the_spec_datatypes(o311):
    code = o311.category()
    body = o311.get(f"services/{code}.json", jurisdiction_id="611025").json()
    assert body["service_code"] == str(code)
    datum = next(a for a in body["attributes"] if a["code"] == "datum")
    assert datum["datatype"] == "singlevaluelist" and datum["variable"] is True and datum["required"] is False
    assert [v["key"] for v in datum["values"]] == ["wgs84", "gcj02"] and [a["order"] for a in body["attributes"]] == [1, 2]
    root = xml_of(o311.get(f"services/{code}.xml", jurisdiction_id="611025"))
    assert root.tag == "service_definition"
    assert [e.tag for e in at(root, "attributes/attribute")] == ["variable", "code", "datatype", "required", "datatype_description",
                                                                  "order", "description", "values"]
    assert [text_at(v, "key") for v in root.findall("attributes/attribute/values/value")][:2] == ["wgs84", "gcj02"]


def test_a_request_filed_over_open311_is_routed_like_the_phone_page_and_read_back_without_the_reporter(o311):
    response = _file(o311, lat=f"{SPOT_GCJ[0]:.7f}", long=f"{SPOT_GCJ[1]:.7f}", **{"attribute[datum]": "gcj02"})

    assert response.status_code == 201, response.text
    [created] = response.json()
    report = HazardReport.objects.get(pk=int(created["service_request_id"]))
    # The GCJ-02 point, converted, lies in 长发村's boundary: the riders' own routing took it there.
    assert report.unit == o311.world.changfa and report.reporter == o311.world.rider and report.datum == "gcj02"
    assert created["account_id"] == "acc-7" and "长发村" in created["service_notice"]
    submission = Submission.objects.get(report=report)
    assert submission.media_url == "https://img.example.cn/a.jpg" and submission.attributes == {"datum": "gcj02", "beyond_power": "yes"}

    read = o311.get(f"requests/{report.pk}.json", api_key=o311.rider_key)
    [row] = read.json()
    assert list(row) == REQUEST_FIELDS
    assert row["status"] == "open" and row["agency_responsible"] == "长发村" and row["media_url"] == "https://img.example.cn/a.jpg"
    assert row["requested_datetime"].endswith("+08:00") and abs(row["lat"] - SPOT_WGS[0]) < 1e-4
    for personal in ("majun@example.cn", "13912349876", "马", "骏", "rider姓名", "acc-7", "dev-1"):
        assert personal not in read.text
    xml = o311.get(f"requests/{report.pk}.xml", api_key=o311.office_key)
    root = xml_of(xml)
    assert root.tag == "service_requests" and [e.tag for e in at(root, "request")] == REQUEST_FIELDS
    assert text_at(root, "request/long").startswith("109.14") and text_at(root, "request/zipcode") == ""
    assert "majun@example.cn" not in xml.text and "13912349876" not in xml.text


def test_post_answers_in_xml_and_the_token_leads_to_the_request(o311):
    response = _file(o311, fmt="xml")
    assert response.status_code == 201
    root = xml_of(response)
    number = text_at(root, "request/service_request_id")
    assert root.tag == "service_requests" and root.find("request/token") is None  # the spec: one or the other
    token = Submission.objects.get(report_id=int(number)).token
    found = xml_of(o311.get(f"tokens/{token}.xml", api_key=o311.rider_key))
    assert text_at(found, "request/service_request_id") == number and text_at(found, "request/token") == token


def test_an_address_alone_is_a_location(o311):
    response = _file(o311, lat="", long="", address_string="永乐街道新城社区3号楼东侧")
    assert response.status_code == 201, response.text
    report = HazardReport.objects.get(pk=int(response.json()[0]["service_request_id"]))
    assert report.lat is None and report.address == "永乐街道新城社区3号楼东侧" and report.unit == o311.world.xincheng
