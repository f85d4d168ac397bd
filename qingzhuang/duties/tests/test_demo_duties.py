"""The demo gives 新渭路社区 and 长发村 duty lists, tasks with each basis (one refused, one admitted) and signboards
with an excess plaque taken down, all through the services, so the ledger has figures for them."""

import pytest

from qingzhuang.duties.models import Basis, Signboard, SignboardStatus, Task, TaskStatus
from qingzhuang.ledger.models import LedgerYear

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_lists_tasks_and_signboards_with_ledger_figures(db, settings):
    settings.QZ_TODAY = "2026-11-27"
    from qingzhuang.duties.demo import seed
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)

    xinweilu = ctx.unit("新渭路社区")
    tasks = Task.objects.filter(recipient=xinweilu)
    assert {(t.basis, t.status) for t in tasks} == {
        (Basis.LISTED, TaskStatus.ACTIVE), (Basis.NONE, TaskStatus.REFUSED), (Basis.ADMITTED, TaskStatus.ACTIVE), (Basis.NONE, TaskStatus.APPLIED)}
    assert Signboard.objects.filter(unit=xinweilu, status=SignboardStatus.REMOVED).count() == 1
    figures = dict(LedgerYear.objects.filter(unit=xinweilu, year=2026, measure__startswith="duties.").values_list("measure", "value"))
    assert figures["duties.tasks_with_basis"] == 2 and figures["duties.tasks_without_basis"] == 2 and figures["duties.tasks_refused"] == 1
    assert figures["duties.signboards_removed"] == 1
