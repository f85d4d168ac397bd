"""The demo's 新渭路社区 field work comes out of raw records through the selectors the boards and pages use: over 1,000
publicity copies and 48 patrols in 2023–2024 (the article: "发放宣传资料1000余份，巡查48次"), and two years of hazard
reports with confirmed, fixed and rejected ones and a median time to fix; the ledger's rollups kept by the demo equal a
rebuild from the raw records."""

import datetime as dt

import pytest

from qingzhuang.ledger.measures import all_measures
from qingzhuang.ledger.rebuild import ledger_differences
from qingzhuang.riders import figures, selectors
from qingzhuang.riders.models import HazardReport, Patrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.QZ_TODAY = "2026-11-27"
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed
    from qingzhuang.riders.demo import seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)
    return ctx


def test_the_demo_hands_out_over_1000_copies_and_patrols_48_times_in_two_years(demo, client):
    xinweilu, secretary = demo.unit("新渭路社区"), demo.users["xinweilu_secretary"]

    two_years = figures.community_figures([xinweilu.pk], dt.date(2023, 1, 1), dt.date(2025, 1, 1))

    assert two_years["materials"] >= 1000 and two_years["patrols"] == 48
    assert (two_years["members_start"], two_years["members_end"]) == (60, 136)
    assert selectors.patrols_for(secretary).filter(day__lt=dt.date(2025, 1, 1)).count() == 48
    client.force_login(secretary)
    page = client.get("/riders/publicity/").content.decode()
    total = sum(p.count for p in selectors.publicity_for(secretary))
    assert total >= two_years["materials"] and f"<strong>{total}</strong>" in page


def test_two_years_of_hazard_reports_mix_confirmed_fixed_and_rejected_with_a_realistic_time_to_fix(demo):
    xinweilu = demo.unit("新渭路社区")

    fig = figures.community_figures([xinweilu.pk], dt.date(2023, 1, 1), dt.date(2025, 1, 1))

    assert fig["reported"] >= 100 and fig["fixed"] > fig["rejected"] > 0 and fig["confirmed"] >= fig["fixed"]
    assert 1 <= fig["median_days_to_fix"] <= 20
    first = HazardReport.objects.filter(unit=xinweilu).order_by("reported_at").first()
    assert first is not None and first.reported_at.date() < dt.date(2023, 1, 15)
    assert HazardReport.objects.filter(unit=xinweilu, reported_at__date__gte=dt.date(2026, 1, 1)).exists()


def test_the_demo_rollups_equal_a_rebuild_from_the_raw_records(demo):
    ours = [m for m in all_measures() if m.code.startswith("riders.")]
    assert len(ours) == 8 and ledger_differences(measures=ours) == []
    assert Patrol.objects.filter(status="accepted").count() == 48
