"""Yearly caps (年控) per department and per kind for the county, an own cap for assessments of
grassroots units, all taken through the gate's quotas; one-vote vetoes and responsibility contracts flagged."""

import pytest

from qingzhuang.gate.models import Quota, QuotaUse
from qingzhuang.gate.services import quota_set
from qingzhuang.inspections import services
from qingzhuang.inspections.errors import InspectionError
from qingzhuang.inspections.models import ItemStatus
from qingzhuang.inspections.selectors import cap_board, verdicts
from qingzhuang.inspections.tests.factories import propose, window

pytestmark = pytest.mark.django_db


def _year():
    return window()[0].year


def test_filing_takes_the_department_and_county_slots(world):
    year = _year()
    quota_set(actor=world.reviewer, unit=world.civil_affairs, year=year, kind="inspection", limit=5)
    quota_set(actor=world.reviewer, unit=world.office, year=year, kind="inspection.inspection", limit=20)
    item = propose(world)
    services.item_accept(actor=world.reviewer, item=item)
    services.plan_file(actor=world.reviewer, plan=item.plan)
    assert Quota.objects.get(unit=world.civil_affairs, kind="inspection").used == 1
    assert Quota.objects.get(unit=world.office, kind="inspection.inspection").used == 1


def test_a_full_department_cap_stops_filing_and_nothing_is_filed(world):
    year = _year()
    quota_set(actor=world.reviewer, unit=world.civil_affairs, year=year, kind="inspection", limit=1)
    items = [propose(world, subject=f"检查{i}", targets=[t]) for i, t in enumerate([world.yongle, world.xikou])]
    for item in items:
        services.item_accept(actor=world.reviewer, item=item)
    quota_rule = next(v for v in verdicts(items[1]) if v.rule == "inspection.quota")
    assert quota_rule.outcome in ("pass", "warn", "block")
    with pytest.raises(InspectionError) as caught:
        services.plan_file(actor=world.reviewer, plan=items[0].plan)
    assert "检查1" in caught.value.message
    assert not QuotaUse.objects.exists()
    items[0].refresh_from_db()
    assert items[0].status == ItemStatus.ACCEPTED


def test_assessments_of_grassroots_units_have_their_own_cap(world):
    year = _year()
    quota_set(actor=world.reviewer, unit=world.office, year=year, kind="inspection.grassroots_assess", limit=3)
    item = propose(world, kind="assessment", subject="社区年度考核", targets=[world.xincheng])
    rule = next(v for v in verdicts(item) if v.rule == "inspection.grassroots_assessment_quota")
    assert "1" in rule.text and "3" in rule.text
    services.item_accept(actor=world.reviewer, item=item)
    services.plan_file(actor=world.reviewer, plan=item.plan)
    assert Quota.objects.get(kind="inspection.grassroots_assess").used == 1
    other = propose(world, kind="assessment", subject="部门考核", targets=[world.education])
    assert next(v for v in verdicts(other) if v.rule == "inspection.grassroots_assessment_quota").outcome == "pass"


def test_one_vote_veto_and_responsibility_contract_are_flagged(world):
    item = propose(world, kind="assessment", one_vote_veto=True, responsibility_contract=True)
    flag = next(v for v in verdicts(item) if v.rule == "inspection.flags")
    assert flag.outcome == "warn"
    assert "一票否决" in flag.text and "责任状" in flag.text


def test_the_cap_board_shows_red_and_yellow(world):
    year = _year()
    quota_set(actor=world.reviewer, unit=world.civil_affairs, year=year, kind="inspection", limit=1)
    quota_set(actor=world.reviewer, unit=world.office, year=year, kind="inspection.inspection", limit=5)
    item = propose(world)
    services.item_accept(actor=world.reviewer, item=item)
    services.plan_file(actor=world.reviewer, plan=item.plan)
    rows = {r.label: r for r in cap_board(world.office, year)}
    assert rows[world.civil_affairs.name].colour == "red"
    assert rows[world.civil_affairs.name].used == 1


def test_every_cap_kind_fits_the_quota_column():
    # SQLite does not enforce a CharField's length; PostgreSQL refused a 32-character kind.
    from qingzhuang.gate.kinds import COUNTY_QUOTA_KINDS, QUOTA_KINDS

    longest = Quota._meta.get_field("kind").max_length or 0
    assert all(len(kind) <= longest for kind in [*COUNTY_QUOTA_KINDS, *QUOTA_KINDS])
