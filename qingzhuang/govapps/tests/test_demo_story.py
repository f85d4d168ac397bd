"""The demo's 整治 story in 镇安县, from its records: the survey found the groups, the check-in mini-program and the
forced-install app; six groups of 永乐街道 became one in 2025, three of 西口回族镇 one in 2026; what 长发村 must use
falls, and the board counts it."""

import datetime as dt

import pytest

from qingzhuang.govapps import selectors
from qingzhuang.govapps.demo import CLOSES, FOUND, MERGES
from qingzhuang.govapps.models import Entry, EntryStatus
from qingzhuang.ledger.periods import period_parse

pytestmark = pytest.mark.django_db


def test_the_demo_tells_the_story_of_many_groups_merged_into_fewer(settings):
    settings.QZ_TODAY = "2026-11-27"
    from qingzhuang.govapps.demo import seed
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)

    county = ctx.unit("镇安县委办公室").county
    assert county is not None
    merged = Entry.objects.filter(status=EntryStatus.MERGED)
    assert merged.count() == sum(len(names) for names, *_ in MERGES) and Entry.objects.filter(status=EntryStatus.CLOSED).count() == len(CLOSES)
    assert all(e.merged_into is not None and e.merged_into.status == EntryStatus.ACTIVE for e in merged)
    periods = {y: period_parse(str(y), today=dt.date(2026, 11, 27)) for y in (2024, 2025, 2026)}
    by_year = {y: selectors.figures(county, p.start, p.end) for y, p in periods.items()}
    assert by_year[2024].active == len(FOUND) and by_year[2026].active < by_year[2025].active < by_year[2024].active
    assert by_year[2025].merged + by_year[2026].merged == merged.count() and by_year[2024].banned >= 4
    changfa = ctx.unit("长发村")
    assert len(selectors.required_on(changfa, dt.date(2024, 12, 31))) > len(selectors.required_on(changfa, dt.date(2026, 11, 27)))
