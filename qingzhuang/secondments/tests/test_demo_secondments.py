"""The demo gives 镇安县 an overdue secondment, one extended once, one returned, one refused and one waiting; the
county office sees the overdue one on its home page, and the index of the communities concerned counts staff on duty."""

import pytest

from qingzhuang.ledger.index import capacities_for
from qingzhuang.ledger.periods import period_parse
from qingzhuang.secondments import selectors
from qingzhuang.secondments.models import ExtensionStatus, Secondment, SecondmentStatus

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_secondments_through_the_services(db, settings):
    settings.QZ_TODAY = "2026-11-27"
    from qingzhuang.lib import clock
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed
    from qingzhuang.secondments.demo import seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)
    today = clock.today()

    statuses = sorted(Secondment.objects.values_list("status", flat=True))
    overdue = list(selectors.overdue_for(ctx.users["zhenan_reviewer"], today))
    extended = Secondment.objects.get(extensions__status=ExtensionStatus.APPROVED)

    assert statuses == sorted([SecondmentStatus.APPROVED, SecondmentStatus.APPROVED, SecondmentStatus.RETURNED, SecondmentStatus.REFUSED,
                               SecondmentStatus.REQUESTED])
    assert [s.person_name for s in overdue] == ["赵小燕"] and extended.ends_on > today > extended.planned_end
    xincheng = overdue[0].lender
    capacity = capacities_for([xincheng.pk], period_parse(str(today.year), today=today))[xincheng.pk]
    assert capacity.away == 1 and capacity.on_duty == capacity.staff - 1
    assert not Secondment.objects.exclude(lender__county__code="611025").exists()  # 新渭路社区's 11 staff stay as in the article
