"""Every error of the spec over HTTP, as errors/error {code, description} with its status (403 api_key, 404 what does
not exist, 400 the rest), in Chinese, and nothing stored: no report, no submission, no audit row."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from qingzhuang.audit.models import Event
from qingzhuang.open311.models import Submission
from qingzhuang.open311.tests.conftest import at, text_at, xml_of
from qingzhuang.riders.models import HazardReport
from qingzhuang.riders.testing import SPOT_WGS


def _counts():
    return HazardReport.objects.count(), Submission.objects.count(), Event.objects.count()


def _form(o311, **overrides):
    form = {"api_key": o311.rider_key, "service_code": o311.category(), "lat": f"{SPOT_WGS[0]:.6f}", "long": f"{SPOT_WGS[1]:.6f}",
            "description": "井盖破损，夜间易绊倒行人"}
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


CASES: dict[str, tuple[dict[str, Any], int, str]] = {
    "missing api_key": ({"api_key": None}, 403, "api_key_missing"),
    "bad api_key": ({"api_key": "o311_not-a-key"}, 403, "api_key_invalid"),
    "missing service_code": ({"service_code": None}, 400, "service_code_missing"),
    "unknown service_code": ({"service_code": "999999"}, 404, "service_code_unknown"),
    "words as service_code": ({"service_code": "消防"}, 404, "service_code_unknown"),
    "no location": ({"lat": None, "long": None}, 400, "location_missing"),
    "address_id alone": ({"lat": None, "long": None, "address_id": "A-17"}, 400, "address_id_only"),
    "half a point": ({"long": None}, 400, "coord_half"),
    "lat not a number": ({"lat": "北纬33度"}, 400, "coord_not_a_number"),
    "swapped": ({"lat": f"{SPOT_WGS[1]}", "long": f"{SPOT_WGS[0]}"}, 400, "coord_swapped"),
    "outside China": ({"lat": "48.8566", "long": "2.3522"}, 400, "coord_outside_china"),
    "10^23": ({"lat": "1e23"}, 400, "coord_out_of_range"),
    "-5": ({"lat": "-5", "long": "-5"}, 400, "coord_outside_china"),
    "NaN": ({"lat": "nan"}, 400, "coord_not_a_number"),
    "unknown datum": (dict(**{"attribute[datum]": "bd09"}), 400, "attribute_choice"),
    "unknown attribute": (dict(**{"attribute[colour]": "red"}), 400, "attribute_unknown"),
    "100,000 characters": ({"description": "坑" * 100_000}, 400, "too_long"),
    "blank description": ({"description": "\u3000\u00a0\u200b"}, 400, "required"),
    "NUL": ({"description": "井盖\x00破损"}, 400, "unstorable"),
    "NUL in a key": (dict(**{"x\x00": "1"}), 400, "unstorable"),
    "media_url not http": ({"media_url": "javascript:alert(1)"}, 400, "media_url_invalid"),
    "media_url to a file": ({"media_url": "file:///etc/passwd"}, 400, "media_url_invalid"),
    "email": ({"email": "not-an-email"}, 400, "email_invalid"),
    "phone": ({"phone": "call me"}, 400, "phone_invalid"),
    "unknown jurisdiction": ({"jurisdiction_id": "999999"}, 404, "jurisdiction_unknown"),
    "another county's jurisdiction": ({"jurisdiction_id": "610103"}, 403, "jurisdiction_other"),
}


def _error_of(response, fmt):
    if fmt == "json":
        [error] = response.json()
        assert set(error) == {"code", "description"}
        return error
    root = xml_of(response)
    assert root.tag == "errors" and [e.tag for e in at(root, "error")] == ["code", "description"]
    return {"code": text_at(root, "error/code"), "description": text_at(root, "error/description")}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_every_refused_request_says_why_with_the_spec_status_and_stores_nothing(o311, fmt):
    # One live world for all the cases (building it is the slow part); each case is checked on its own.
    wrong = []
    for case, (overrides, status, code) in CASES.items():
        before = _counts()
        response = o311.post(fmt, **_form(o311, **overrides))
        error = _error_of(response, fmt) if response.status_code == status else {"code": response.text[:200], "description": ""}
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in error["description"])
        if (response.status_code, error["code"]) != (status, code) or not chinese or "Traceback" in response.text:
            wrong.append(f"{case}: {response.status_code} {error}")
        if _counts() != before:
            wrong.append(f"{case}: something was stored")
    assert wrong == []


def test_a_staff_key_cannot_file_a_report(o311):
    before = _counts()
    response = o311.post("json", **_form(o311, api_key=o311.office_key))
    assert response.status_code == 403 and response.json()[0]["code"] == "api_key_cannot_report"
    assert _counts() == before


def test_a_lone_surrogate_sent_as_bytes_never_reaches_the_database(o311):
    body = "&".join(f"{k}={requests.utils.quote(str(v))}" for k, v in _form(o311, description=None).items()) + "&description=%ED%A0%80"
    response = requests.post(f"{o311.base}/requests.json", data=body.encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    # Not UTF-8: decoded as replacement characters (stored as such) or refused; never a lone surrogate stored.
    assert response.status_code in (201, 400)
    assert not any("\ud800" <= ch <= "\udfff" for r in HazardReport.objects.all() for ch in r.description)


READS = [
    ("requests.json", {}, 400, "jurisdiction_missing"),
    ("requests.json", {"api_key": "wrong"}, 403, "api_key_invalid"),
    ("requests/1.json", {}, 400, "jurisdiction_missing"),
    ("requests/999999.json", {"api_key": "KEY"}, 404, "request_unknown"),
    ("requests/abc.json", {"api_key": "KEY"}, 404, "request_unknown"),
    ("requests/100000000000000000000000.json", {"api_key": "KEY"}, 404, "request_unknown"),
    ("tokens/nope.json", {"api_key": "KEY"}, 404, "token_unknown"),
    ("requests.json", {"api_key": "KEY", "start_date": "2026-11-01"}, 400, "date_invalid"),
    ("requests.json", {"api_key": "KEY", "start_date": "yesterday"}, 400, "date_invalid"),
    ("requests.json", {"api_key": "KEY", "end_date": "2026-13-01T00:00:00Z"}, 400, "date_invalid"),
    ("requests.json", {"api_key": "KEY", "start_date": "2026-11-02T00:00:00Z", "end_date": "2026-11-01T00:00:00Z"}, 400, "date_order"),
    ("requests.json", {"api_key": "KEY", "start_date": "2026-01-01T00:00:00+08:00", "end_date": "2026-11-01T00:00:00+08:00"}, 400, "date_span"),
    ("requests.json", {"api_key": "KEY", "status": "pending"}, 400, "status_invalid"),
    ("requests.json", {"api_key": "KEY", "service_request_id": "1,x"}, 400, "id_list_invalid"),
    ("requests.json", {"api_key": "KEY", "service_request_id": ",".join(["1"] * 1001)}, 400, "id_list_invalid"),
    ("requests.json", {"api_key": "KEY", "service_code": "-5"}, 400, "code_list_invalid"),
    ("requests.json", {"api_key": "KEY", "status": "open\x00"}, 400, "unstorable"),
    ("services.json", {}, 400, "jurisdiction_missing"),
    ("services.json", {"jurisdiction_id": "000000"}, 404, "jurisdiction_unknown"),
    ("services/999999.json", {"jurisdiction_id": "611025"}, 404, "service_code_unknown"),
    ("services.csv", {"jurisdiction_id": "611025"}, 400, "format_unsupported"),
    ("requests.html", {"api_key": "KEY"}, 400, "format_unsupported"),
    ("reports.json", {}, 404, "not_found"),
]


def test_each_read_error_has_the_spec_status(o311):
    wrong = []
    for path, params, status, code in READS:
        params = {k: (o311.rider_key if v == "KEY" else v) for k, v in params.items()}
        response = o311.get(path, **params)
        fmt = "json" if response.headers["Content-Type"].startswith("application/json") else "xml"
        error = _error_of(response, fmt) if response.status_code == status else {"code": response.text[:200]}
        if (response.status_code, error["code"]) != (status, code):
            wrong.append(f"{path} {params}: {response.status_code} {error}")
    assert wrong == []


def test_a_delete_is_refused_and_changes_nothing(o311):
    before = _counts()
    response = requests.delete(f"{o311.base}/requests.json", params={"api_key": o311.rider_key}, timeout=30)
    assert response.status_code == 405 and response.json()[0]["code"] == "method_not_allowed"
    assert _counts() == before


def test_calls_past_the_limit_per_key_are_refused(o311, settings):
    settings.QZ_OPEN311_PER_MINUTE = 3
    statuses = [o311.get("requests.json", api_key=o311.rider_key).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Another key has its own count.
    assert o311.get("requests.json", api_key=o311.office_key).status_code == 200
