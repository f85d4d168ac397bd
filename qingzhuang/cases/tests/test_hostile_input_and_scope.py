"""Hostile input on every field of a case and its actions: a clear Chinese message and nothing written. Scope: a department
sees the cases raised to it, led or co-handled by it; a community its own; the county office its county; an outsider nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.cases import selectors, services
from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import Callback, Case, CaseMeeting, Event, Handler

HOSTILE = ["", "\u3000\u00a0\u200b", "\ud800", "a\x00b", "长" * 100_000]


def _chinese(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(text))


def _counts():
    return (Case.objects.count(), Event.objects.count(), Handler.objects.count(), CaseMeeting.objects.count(), Callback.objects.count())


@pytest.mark.parametrize("field", ["title", "description"])
@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_title_or_description_is_refused(paired, raise_case, field, value):
    before = _counts()
    with pytest.raises(CaseError) as refused:
        raise_case(**{field: value})
    assert _chinese(refused.value.message)
    assert _counts() == before


@pytest.mark.parametrize("field,value", [("category", "bogus"), ("urgency", 10**23), ("urgency", -5), ("source", "\x00"), ("location", "路" * 100_000),
                                         ("source_ref", "\ud800"), ("beyond_power", False)])
def test_a_bad_choice_or_flag_is_refused(paired, raise_case, field, value):
    before = _counts()
    with pytest.raises(CaseError) as refused:
        raise_case(**{field: value})
    assert _chinese(refused.value.message)
    assert _counts() == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_notes_on_every_action_are_refused(paired, raise_case, value):
    case = raise_case()
    services.case_accept(actor=paired.clerk, case=case)
    before = _counts()
    calls = [
        lambda: services.case_resolve(actor=paired.clerk, case=case, note=value),
        lambda: services.case_pause(actor=paired.clerk, case=case, reason=value),
        lambda: services.handler_add(actor=paired.clerk, case=case, party_name=value, part="施工"),
        lambda: services.handler_add(actor=paired.clerk, case=case, party_name="开发商", part=value),
        lambda: services.meeting_record(actor=paired.clerk, case=case, kind="onsite", held_on=dt.date(2026, 11, 2), participants=value, decisions="甲：乙"),
        lambda: services.meeting_record(actor=paired.clerk, case=case, kind="onsite", held_on=dt.date(2026, 11, 2), participants="甲", decisions=value),
    ]
    for call in calls:
        with pytest.raises(CaseError) as refused:
            call()
        assert _chinese(refused.value.message)
    assert _counts() == before


def test_a_decision_without_its_owner_and_a_meeting_in_the_future_are_refused(paired, raise_case):
    case = raise_case()
    services.case_accept(actor=paired.clerk, case=case)
    before = _counts()
    for decisions in ("只写决定没有责任人", "：没有人", "甲：" + "x" * 600):
        with pytest.raises(CaseError):
            services.meeting_record(actor=paired.clerk, case=case, kind="symposium", held_on=dt.date(2026, 11, 2), participants="甲", decisions=decisions)
    with pytest.raises(CaseError):
        services.meeting_record(actor=paired.clerk, case=case, kind="symposium", held_on=dt.date(2099, 1, 1), participants="甲", decisions="甲：乙")
    with pytest.raises(CaseError):
        services.meeting_record(actor=paired.clerk, case=case, kind="party", held_on=dt.date(2026, 11, 2), participants="甲", decisions="甲：乙")
    assert _counts() == before


def test_a_rating_must_be_one_of_the_three_and_dissatisfied_needs_a_comment(paired, raise_case):
    case = raise_case()
    services.case_accept(actor=paired.clerk, case=case)
    services.case_resolve(actor=paired.clerk, case=case, note="已办")
    before = _counts()
    for kwargs in ({"rating": "great"}, {"rating": "dissatisfied", "comment": "\u3000"}, {"rating": "satisfied", "handler_side": True}):
        with pytest.raises(CaseError):
            services.callback_record(actor=paired.secretary, case=case, **kwargs)
    assert _counts() == before


def test_scope_of_each_party(paired, raise_case, world):
    from qingzhuang.org.models import Role
    from qingzhuang.org.testing import _user

    case = raise_case()
    services.case_accept(actor=paired.clerk, case=case)
    services.handler_add(actor=paired.clerk, case=case, unit=world.yongle, part="协调")
    other = _user("other_dept", world.office, Role.DEPARTMENT_CLERK)
    assert set(selectors.cases_visible(paired.clerk)) == {case}  # leads it
    assert set(selectors.cases_visible(paired.edu_clerk)) == {case}  # it was raised to it
    assert set(selectors.cases_visible(paired.street_officer)) == {case}  # co-handles it (and its community is below)
    assert set(selectors.cases_visible(paired.secretary)) == {case}  # its own
    assert set(selectors.cases_visible(paired.reviewer)) == {case}  # its county
    assert not selectors.cases_visible(paired.outsider).exists()
    assert not selectors.cases_visible(other).exists()


def test_an_outsider_cannot_open_or_act_on_a_case(paired, raise_case, client_for):
    case = raise_case()
    before = _counts()
    outsider = client_for(paired.outsider)
    assert outsider.get(f"/cases/{case.pk}/").status_code == 403
    assert outsider.post(f"/cases/{case.pk}/accept/").status_code == 403
    assert outsider.get(f"/api/v1/cases/{case.pk}").status_code == 403
    assert outsider.post(f"/api/v1/cases/{case.pk}/accept", {}, content_type="application/json").status_code in (400, 403)
    assert client_for(paired.secretary).post(f"/cases/{case.pk}/resolve/", {"note": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.case_raise(actor=paired.outsider, community=paired.xincheng, title="x", description="y", category="other", beyond_power=True)
    assert _counts() == before


def test_the_api_raises_and_walks_a_case_and_refuses_hostile_payloads(paired):
    from django.test import Client

    secretary, clerk = Client(), Client()
    secretary.force_login(paired.secretary)
    clerk.force_login(paired.clerk)
    payload = {"community_id": paired.xincheng.pk, "title": "电梯停运", "description": "老旧小区电梯停运两周", "category": "property",
               "beyond_ability": True}
    made = secretary.post("/api/v1/cases/", payload, content_type="application/json")
    assert made.status_code == 200, made.content
    case_id = made.json()["id"]
    before = _counts()
    for bad in ({**payload, "title": "\x00"}, {**payload, "urgency": "10^23"}, {**payload, "community_id": 10**23}, {**payload, "beyond_ability": False}):
        assert secretary.post("/api/v1/cases/", bad, content_type="application/json").status_code in (400, 404, 422)
    assert _counts() == before
    assert clerk.post(f"/api/v1/cases/{case_id}/accept", {}, content_type="application/json").json()["lead_name"] == "镇安县民政局"
    assert clerk.post(f"/api/v1/cases/{case_id}/handlers", {"party_name": "电梯维保公司", "part": "维修"}, content_type="application/json").status_code == 200
    assert clerk.post(f"/api/v1/cases/{case_id}/resolve", {"note": "已修复"}, content_type="application/json").json()["status"] == "resolved"
    rated = secretary.post(f"/api/v1/cases/{case_id}/callback", {"rating": "satisfied"}, content_type="application/json").json()
    assert rated["status"] == "closed"
    detail = secretary.get(f"/api/v1/cases/{case_id}").json()
    assert [e["kind"] for e in detail["events"]][:2] == ["raised", "accepted"]
