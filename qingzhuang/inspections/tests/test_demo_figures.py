"""镇安县's demo, from raw records through the selectors the pages use: 36 inspections and 23 assessments
carried out in 2024, and 12% fewer 督检考 items received by its departments and towns than in 2023."""

import pytest

from qingzhuang.inspections.selectors import figures
from qingzhuang.org.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from qingzhuang.inspections.demo import seed
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)
    return ctx


def test_zhenan_2024_figures_come_from_raw_records(demo):
    zhenan = Region.objects.get(code="611025")
    f = figures(county=zhenan, year=2024)
    assert (f.inspections, f.assessments) == (36, 23)
    assert (f.inspections_last, f.assessments_last) == (40, 27)
    assert (f.received, f.received_last) == (88, 100)
    assert f.received_change is not None and round(f.received_change, 3) == -0.12
    assert f.merged == 4 and f.traces_refused == 3
