"""Hostile values on every field of registering, imposing, filing, ending, closing and merging — blank after
normalisation (U+3000, NBSP, zero-width), a lone surrogate, NUL, 100,000 characters, 10^23 and −5 as ids, unknown
choices, dates that are no dates — get a clear Chinese message from the services, the pages and the API, and write nothing."""

import datetime as dt
from collections.abc import Callable

import pytest

from qingzhuang.govapps import services
from qingzhuang.govapps.errors import GovAppError
from qingzhuang.govapps.testing import register, state

pytestmark = pytest.mark.django_db
CJK = "\u4e00-\u9fff"
BLANKS = ["", "\u3000", "\u00a0\u00a0", "\u200b\u200d", " \ufeff "]
UNSTORABLE = ["名称\x00", "名称\ud800"]


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def chinese(message):
    import re

    return bool(re.search(f"[{CJK}]", message))


@pytest.mark.parametrize(("field", "value"), [
    *[("name", v) for v in BLANKS + UNSTORABLE + ["名" * 100_000]],
    *[("purpose", v) for v in BLANKS + UNSTORABLE + ["用" * 100_000]],
    ("description", "说明\x00"), ("description", "说" * 100_000),
    ("kind", "robot"), ("kind", None), ("kind", 10**23), ("platform", "qq"), ("filing_status", "maybe"),
    ("filing_number", "备\ud800"), ("filing_number", "号" * 100_000), ("filing_number", "\u3000"),
    ("filed_on", "上周"), ("filed_on", dt.date(2027, 1, 1)), ("filed_on", None),
    ("practices", ["sleeping"]), ("practices", "check_in\x00"), ("practices", [10**23]),
    ("units", []), ("units", [10**23]), ("units", [-5]), ("units", ["新城社区"]),
])
def test_every_registration_field_refuses_hostile_values_and_writes_nothing(world, field, value):
    before = state()

    with pytest.raises(GovAppError) as caught:
        register(world, **{field: value})

    assert chinese(caught.value.message) and state() == before


def test_a_unit_of_another_county_or_a_department_cannot_be_made_to_use_it(world):
    before = state()

    for units in ([world.caochangpo], [world.education], [world.xincheng] * (services.MAX_UNITS + 1)):
        with pytest.raises(GovAppError) as caught:
            register(world, units=units)
        assert chinese(caught.value.message)
    assert state() == before


def test_closing_merging_filing_and_ending_refuse_hostile_values(world):
    entry = register(world)
    other = register(world, name="镇安社会救助", purpose="社会救助业务")
    requirement = entry.requirements.order_by("id")[0]
    before = state()

    calls: list[Callable[[], object]] = [
        *[lambda v=v: services.entry_close(actor=world.clerk, entry=entry, closed_on=dt.date(2026, 11, 27), reason=v) for v in BLANKS + UNSTORABLE],
        lambda: services.entry_close(actor=world.clerk, entry=entry, closed_on=dt.date(2026, 11, 27), reason="理" * 100_000),
        lambda: services.entry_close(actor=world.clerk, entry=entry, closed_on=None, reason="关停"),
        lambda: services.entry_merge(actor=world.reviewer, entries=[entry], into=other, merged_on=dt.date(2026, 11, 27), reason="\u3000"),
        lambda: services.entry_filing_set(actor=world.clerk, entry=entry, filing_status="filed", filing_number="\u200b", filed_on=dt.date(2026, 1, 1)),
        lambda: services.entry_filing_set(actor=world.clerk, entry=entry, filing_status="x" * 100_000),
        lambda: services.requirement_end(actor=world.clerk, requirement=requirement, until="2026-13-01"),
        lambda: services.requirement_end(actor=world.clerk, requirement=requirement, until=dt.date(2026, 11, 27), reason="\x00"),
    ]
    for call in calls:
        with pytest.raises(GovAppError) as caught:
            call()
        assert chinese(caught.value.message)
    assert state() == before


def body(world, **changes):
    return {"owner_id": world.civil_affairs.pk, "name": "镇安民政服务", "kind": "app", "purpose": "低保业务办理",
            "unit_ids": [world.xincheng.pk, world.changfa.pk], "filing_status": "filed", "filing_number": "陕网信备1号", "filed_on": "2026-03-01",
            **changes}


@pytest.mark.parametrize("changes", [
    {"name": "\u3000"}, {"name": "名\x00"}, {"name": "名\ud800"}, {"name": "名" * 100_000}, {"purpose": "\u200b"}, {"kind": "robot"},
    {"practices": ["sleeping"]}, {"practices": "check_in"}, {"unit_ids": []}, {"unit_ids": [10**23]}, {"unit_ids": [-5]},
    {"owner_id": 10**23}, {"owner_id": -5}, {"filed_on": "上周"}, {"filing_status": "not_filed"}, {"found_since": "2027-01-01"},
    {"description": "每日打卡", "practices": ["check_in"]},
])
def test_the_api_refuses_hostile_values_in_the_one_error_shape(world, client_for, changes):
    client = client_for(world.clerk)
    before = state()

    response = client.post("/api/v1/govapps/entries", body(world, **changes), content_type="application/json")

    assert response.status_code in (400, 403, 404, 422) and set(response.json()) == {"error"} and chinese(response.json()["error"]["message"])
    assert state() == before


def test_the_api_on_an_entry_refuses_hostile_values(world, client_for):
    entry = register(world)
    client = client_for(world.clerk)
    before = state()

    for path, payload in (("close", {"closed_on": "2026-11-27", "reason": "\u3000"}), ("close", {"closed_on": "2027-01-01", "reason": "停"}),
                          ("filing", {"filing_status": "filed", "filing_number": "", "filed_on": "2026-01-01"}),
                          ("requirements", {"unit_ids": [10**23]}), ("requirements", {"unit_ids": [-5]}),
                          ("merge", {"into_id": 10**23, "merged_on": "2026-11-27", "reason": "合并"})):
        response = client.post(f"/api/v1/govapps/entries/{entry.pk}/{path}", payload, content_type="application/json")
        assert response.status_code in (400, 404, 422) and chinese(response.json()["error"]["message"]), (path, payload)
    assert client.post(f"/api/v1/govapps/entries/{10**23}/close", {"closed_on": "2026-11-27", "reason": "停"},
                       content_type="application/json").status_code in (400, 404, 422)
    assert state() == before


def test_the_page_shows_the_refusal_and_keeps_what_was_typed(world, client_for):
    before = state()

    response = client_for(world.clerk).post("/govapps/new/", {"owner": world.civil_affairs.pk, "register": "1", "name": "\u3000", "kind": "app",
                                                              "purpose": "低保业务", "units": [world.xincheng.pk, "10" * 12, "-5"]})

    assert response.status_code == 400 and "名称" in response.content.decode() and "低保业务" in response.content.decode()
    assert state() == before
