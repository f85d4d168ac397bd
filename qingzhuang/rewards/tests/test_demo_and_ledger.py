"""The demo trains 新渭路社区's riders and opens its store from raw records: completions per course come out of attendance,
the ledger's training-completions measure equals the completion records (and the rebuild agrees), nobody's balance is
negative, every store redemption's points left the ledger once, stock equals receipts minus redemptions held."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import translation

from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.ledger.periods import period_parse
from qingzhuang.rewards import growth, selectors, views
from qingzhuang.rewards.models import Completion, Course, Redemption, StockMove, StoreItem
from qingzhuang.riders.models import PointsEntry, Rider

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.QZ_TODAY = "2026-11-27"
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed
    from qingzhuang.rewards.demo import seed
    from qingzhuang.riders.demo import seed as riders_seed

    ctx = DemoContext()
    org_seed(ctx)
    riders_seed(ctx)
    seed(ctx)
    return ctx


def test_the_demo_trains_xinweilu_and_its_store_balances(demo, client):
    translation.activate("zh-hans")
    xinweilu = demo.unit("新渭路社区")
    completions = Completion.objects.filter(rider__community=xinweilu)
    assert Course.objects.count() == 6 and completions.count() > 100
    assert completions.filter(how="staff").count() >= 1
    ledger = LedgerMonth.objects.filter(unit=xinweilu, measure="rewards.completions").aggregate(n=Sum("value"))["n"]
    assert ledger == completions.count() == selectors.completions_compute(dt.date(2020, 1, 1), dt.date(2027, 1, 1)).count()
    call_command("ledger_rebuild", "--check", "--measure", "rewards.completions", verbosity=0)  # raises on any difference

    balances = PointsEntry.objects.values("rider_id").annotate(total=Sum("points"))
    assert balances and min(b["total"] for b in balances) >= 0
    for redemption in Redemption.objects.all():
        assert PointsEntry.objects.filter(act=f"store:{redemption.pk}", points=-redemption.points).count() == 1
    for item in StoreItem.objects.all():
        held = Redemption.objects.filter(item=item).exclude(status="cancelled").count()
        assert item.stock == sum(StockMove.objects.filter(item=item).values_list("change", flat=True)) - held
    assert Redemption.objects.filter(status="cancelled").count() == 1

    star = Rider.objects.get(user=demo.users["xinweilu_rider"])
    record = growth.growth_of(star)
    assert {a.code: a.count for a in record.axes}["political"] >= 1
    client.force_login(demo.users["xinweilu_rider"])
    assert "骑手普法讲堂" in client.get("/rewards/").content.decode()
    board = views.board_section(demo.users["weibin_reviewer"], demo.unit("渭滨区委办公室"), period_parse("2024", today=dt.date(2026, 11, 27)))
    in_2024 = completions.filter(completed_on__year=2024).count()
    assert f'<div class="kpi">{in_2024}</div>' in board and "爱心超市兑换" in board
    assert views.board_section(demo.users["beilin_reviewer"], demo.unit("渭滨区委办公室"), period_parse("2024", today=dt.date(2026, 11, 27))) == ""
