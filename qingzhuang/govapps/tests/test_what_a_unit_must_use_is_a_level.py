"""What each community must use: requirements from a day until a day, ended one by one, or all at once when the entry is
closed or merged (its units move to the successor). In the ledger it is a level: a period reads the count at its end."""

import datetime as dt

import pytest

from qingzhuang.govapps import selectors, services
from qingzhuang.govapps.errors import GovAppError
from qingzhuang.govapps.models import EntryStatus, Requirement
from qingzhuang.govapps.testing import register, state
from qingzhuang.ledger import selectors as ledger
from qingzhuang.ledger.measures import measure_by_code
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.ledger.periods import period_parse
from qingzhuang.ledger.rebuild import ledger_rebuild
from qingzhuang.org.models import Unit

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def found(world, name, since, units=None, **changes):
    values = {"actor": world.reviewer, "owner": world.yongle, "name": name, "kind": "group", "platform": "wechat", "purpose": f"{name}日常通知",
              "units": units or [world.xincheng], "since": since, **changes}
    return services.entry_record_found(**values)


def level(world, key, unit=None):
    unit = unit or world.xincheng
    period = period_parse(key, today=D(2026, 11, 27))
    this, _last = ledger._sums_by_unit_measure(Unit.objects.filter(pk=unit.pk), period, period.previous_year())
    return this.get(unit.pk, {}).get("govapps.imposed", 0.0)


def names(unit, day):
    return sorted(r.entry.name for r in selectors.required_on(unit, day))


def test_groups_merged_into_one_move_their_units_and_point_to_the_successor(world):
    a = found(world, "永乐街道网格员工作群", D(2024, 3, 1))
    b = found(world, "永乐街道防汛工作群", D(2024, 5, 1), units=[world.xincheng])
    successor = found(world, "永乐街道综合工作群", D(2025, 6, 30), units=[world.xincheng])

    services.entry_merge(actor=world.reviewer, entries=[a, b], into=successor, merged_on=D(2025, 6, 30), reason="多群合一")

    a.refresh_from_db()
    assert a.status == EntryStatus.MERGED and a.merged_into == successor and a.ended_on == D(2025, 6, 30)
    assert names(world.xincheng, D(2025, 6, 29)) == ["永乐街道网格员工作群", "永乐街道防汛工作群"]
    assert names(world.xincheng, D(2025, 6, 30)) == ["永乐街道综合工作群"]
    assert level(world, "2024") == 2 and level(world, "2025") == 1 and level(world, "2025-05") == 2
    assert [r.since for r in Requirement.objects.filter(entry=successor)] == [D(2025, 6, 30)]  # once, though it came from two


def test_closing_removes_it_from_every_unit_from_that_day_and_the_rebuild_agrees(world):
    entry = register(world)
    group = found(world, "永乐街道安全生产工作群", D(2025, 1, 10), units=[world.xincheng, world.changfa])
    assert names(world.xincheng, D(2026, 11, 27)) == ["永乐街道安全生产工作群", "镇安民政服务"]

    services.entry_close(actor=world.clerk, entry=entry, closed_on=D(2026, 11, 27), reason="业务并入省级平台")

    assert names(world.xincheng, D(2026, 11, 27)) == ["永乐街道安全生产工作群"] and names(world.changfa, D(2026, 11, 27)) == ["永乐街道安全生产工作群"]
    def months():  # a +1 and a −1 in one month leave a 0 row incrementally, none after a rebuild
        return sorted(LedgerMonth.objects.filter(measure="govapps.imposed").exclude(value=0).values_list("unit_id", "month", "value"))

    incremental = months()
    ledger_rebuild()
    assert months() == incremental
    assert level(world, "2026") == 1 and group.status == EntryStatus.ACTIVE


def test_the_owner_ends_one_units_requirement_and_imposes_on_another(world):
    entry = register(world, units=[world.xincheng])
    requirement = entry.requirements.get()

    services.requirement_end(actor=world.clerk, requirement=requirement, until=D(2026, 11, 27), reason="社区无此业务")
    services.requirements_add(actor=world.clerk, entry=entry, units=[world.changfa])

    assert names(world.xincheng, D(2026, 11, 27)) == [] and names(world.changfa, D(2026, 11, 27)) == ["镇安民政服务"]
    before = state()
    with pytest.raises(GovAppError) as caught:
        services.requirements_add(actor=world.clerk, entry=entry, units=[world.changfa])
    assert caught.value.code == "already_required" and state() == before
    with pytest.raises(GovAppError):
        services.requirement_end(actor=world.clerk, requirement=requirement, until=D(2026, 11, 27))
    assert state() == before


def test_dates_that_cannot_be_are_refused_and_nothing_changes(world):
    entry = found(world, "永乐街道网格员工作群", D(2024, 3, 1))
    other = found(world, "永乐街道防汛工作群", D(2024, 5, 1))
    before = state()

    for call, code in (
        (lambda: services.entry_close(actor=world.reviewer, entry=entry, closed_on=D(2024, 2, 1), reason="关停"), "date_before_since"),
        (lambda: services.entry_close(actor=world.reviewer, entry=entry, closed_on=D(2026, 12, 1), reason="关停"), "date_in_future"),
        (lambda: services.entry_close(actor=world.reviewer, entry=entry, closed_on="昨天", reason="关停"), "date_invalid"),
        (lambda: services.entry_merge(actor=world.reviewer, entries=[entry], into=entry, merged_on=D(2025, 1, 1), reason="合并"), "merge_into_itself"),
        (lambda: found(world, "未来的群", D(2027, 1, 1)), "date_in_future"),
    ):
        with pytest.raises(GovAppError) as caught:
            call()
        assert caught.value.code == code
    services.entry_close(actor=world.reviewer, entry=other, closed_on=D(2025, 1, 1), reason="关停")
    after_close = state()
    with pytest.raises(GovAppError) as caught:
        services.entry_merge(actor=world.reviewer, entries=[entry], into=other, merged_on=D(2025, 1, 1), reason="合并")
    assert caught.value.code == "not_active" and state() == after_close and before != after_close


def test_the_ledger_unit_items_list_what_it_must_use_at_the_period_end(world):
    found(world, "永乐街道网格员工作群", D(2024, 3, 1))
    period = period_parse("2025", today=D(2026, 11, 27))

    table = ledger.unit_items(unit=world.xincheng, period=period, measure=measure_by_code("govapps.imposed"))

    assert any("永乐街道网格员工作群" in str(cell.text) for row in table.rows for cell in row)
