"""Hostile text and numbers on every inspection endpoint and service: a clear Chinese message naming the
field, nothing written."""

import json

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.inspections import services
from qingzhuang.inspections.errors import InspectionInvalid
from qingzhuang.inspections.models import Feedback, Finding, InspectionPlan, Item, Visit
from qingzhuang.inspections.tests.factories import CLEAN_CRITERIA, filed, propose, window
from qingzhuang.ledger.models import LedgerYear
from qingzhuang.lib import clock

pytestmark = pytest.mark.django_db
HUGE = 10**23


def _counts():
    return (Item.objects.count(), InspectionPlan.objects.count(), Visit.objects.count(), Finding.objects.count(),
            Feedback.objects.count(), Event.objects.count(), LedgerYear.objects.count())


def _post(client, path, body):
    return client.post(path, json.dumps(body, ensure_ascii=False), content_type="application/json")


def _payload(world, **kw):
    start, end = window(15)
    body = {
        "lead_id": world.civil_affairs.pk, "kind": "inspection", "subject": "城乡低保专项检查", "criteria": CLEAN_CRITERIA,
        "target_ids": [world.yongle.pk], "window_start": start.isoformat(), "window_end": end.isoformat(),
    }
    body.update(kw)
    return body


@pytest.mark.parametrize(("changes", "field", "code", "words"), [
    ({"subject": ""}, "subject", "required", "事项名称"),
    ({"subject": "\u3000\u00a0\u200b"}, "subject", "required", "事项名称"),
    ({"subject": "检" * 201}, "subject", "too_long", "200"),
    ({"criteria": "标" * 100_000}, "criteria", "too_long", "5,000"),
    ({"criteria": "\u200b\u3000"}, "criteria", "required", "标准"),
    ({"subject": "检\x00查"}, "subject", "unstorable", "无法保存"),
    ({"window_end": "2020-01-01"}, "window_end", "window_order", "结束日期"),
    ({"target_ids": []}, "targets", "targets_required", "被检查单位"),
], ids=["empty subject", "blank subject", "long subject", "100,000 chars", "blank criteria", "NUL", "window backwards", "no targets"])
def test_a_hostile_proposal_is_refused_naming_the_field_and_nothing_is_written(world, client_for, changes, field, code, words):
    client = client_for(world.clerk)
    before = _counts()
    response = _post(client, "/api/v1/inspections/", _payload(world, **changes))
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code and words in error["message"], error
    assert _counts() == before


@pytest.mark.parametrize("changes", [
    {"kind": "bogus<script>"}, {"target_scope": "everyone"}, {"lead_id": HUGE}, {"window_start": "2024-13-45"}, {"subject": 12},
], ids=["bad kind", "bad scope", "huge id", "bad date", "number as text"])
def test_bad_enums_and_types_are_refused_in_the_error_shape(world, client_for, changes):
    before = _counts()
    response = _post(client_for(world.clerk), "/api/v1/inspections/", _payload(world, **changes))
    assert response.status_code in (400, 404, 422), response.content
    assert "error" in response.json() and response.json()["error"]["message"]
    assert _counts() == before


def test_a_lone_surrogate_is_refused(world, client_for):
    before = _counts()
    body = json.dumps(_payload(world), ensure_ascii=False).replace("城乡低保专项检查", "\\ud800")
    response = client_for(world.clerk).post("/api/v1/inspections/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "unstorable"
    assert _counts() == before


@pytest.mark.parametrize(("days", "code"), [(HUGE, "out_of_range"), (-5, "out_of_range"), ("十", "not_a_number")])
def test_days_on_site_out_of_range_are_refused(world, days, code):
    item = filed(world)
    before = _counts()
    with pytest.raises(InspectionInvalid) as caught:
        services.visit_record(actor=world.clerk, item=item, unit=world.yongle, day=clock.today(), inspectors="王", on_site_days=days)
    assert (caught.value.code, caught.value.field) == (code, "on_site_days")
    assert "实地天数" in caught.value.message
    assert _counts() == before


def test_days_on_site_through_the_api_huge_and_negative(world, client_for):
    item = filed(world)
    client = client_for(world.clerk)
    before = _counts()
    for days in (HUGE, -5):
        response = _post(client, f"/api/v1/inspections/{item.pk}/visits", {"unit_id": world.yongle.pk, "day": clock.today().isoformat(), "inspectors": "王", "on_site_days": days})
        assert response.status_code == 400 and "0 到 60" in response.json()["error"]["message"], response.content
    assert _counts() == before


@pytest.mark.parametrize(("heaviness", "comment", "field"), [(HUGE, "", "heaviness"), (-5, "", "heaviness"), (0, "", "heaviness"), (3, "x\x00", "comment"), (3, "意" * 100_000, "comment")])
def test_feedback_out_of_range_or_hostile_is_refused(world, heaviness, comment, field):
    item = filed(world, targets=[world.xincheng])
    before = _counts()
    with pytest.raises(InspectionInvalid) as caught:
        services.feedback_give(actor=world.secretary, item=item, unit=world.xincheng, heaviness=heaviness, comment=comment)
    assert caught.value.field == field
    assert _counts() == before


def test_findings_refuse_a_bad_kind_blank_text_and_a_nul(world):
    item = filed(world)
    before = _counts()
    for kind, text in (("insult", "建议"), ("advice", "\u3000\u200b"), ("problem", "问\x00题")):
        with pytest.raises(InspectionInvalid):
            services.finding_add(actor=world.clerk, item=item, unit=world.yongle, kind=kind, text=text)
    assert _counts() == before


def test_a_blank_or_hostile_refusal_reason_changes_nothing(world):
    item = propose(world)
    before = _counts()
    for reason in ("", "\u00a0\u3000\u200b", "理\x00由", "因" * 100_000):
        with pytest.raises(InspectionInvalid):
            services.item_refuse(actor=world.reviewer, item=item, reason=reason)
    assert _counts() == before
    item.refresh_from_db()
    assert item.status == "proposed"


def test_a_window_across_two_years_or_out_of_range_is_refused(world):
    import datetime as dt

    before = _counts()
    for start, end in ((dt.date(2026, 12, 20), dt.date(2027, 1, 5)), (dt.date(1999, 1, 1), dt.date(1999, 1, 2))):
        with pytest.raises(InspectionInvalid):
            propose(world, window_start=start, window_end=end)
    assert _counts() == before


def test_a_hostile_criteria_on_the_form_shows_a_message_and_writes_nothing(world, client_for):
    from django.urls import reverse

    start, end = window(12)
    before = _counts()
    response = client_for(world.clerk).post(reverse("inspections:new"), {
        "lead": world.civil_affairs.pk, "kind": "bogus", "subject": "\u3000", "criteria": "标" * 100_000, "target_scope": "named",
        "targets": [world.yongle.pk], "window_start": start.isoformat(), "window_end": end.isoformat(),
    })
    assert response.status_code == 200
    assert _counts() == before


@pytest.mark.parametrize("year", [0, -5, 10**23, 1999])
def test_the_figures_refuse_a_year_out_of_range(world, client_for, year):
    response = client_for(world.reviewer).get(f"/api/v1/inspections/figures?office_id={world.office.pk}&year={year}")
    assert response.status_code == 400 and response.json()["error"]["message"]
