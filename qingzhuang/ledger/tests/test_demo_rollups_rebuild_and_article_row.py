"""On the demo data itself (every component's demo hook): the incremental rollups equal a rebuild from
scratch, and the article's 镇安县 row comes out of the ledger."""

import pytest

from qingzhuang.components import all_components
from qingzhuang.ledger.article import DOCUMENTS, MEETINGS, article_figures, county_office
from qingzhuang.ledger.rebuild import ledger_differences, ledger_rebuild
from qingzhuang.ledger.reports import SYSTEM
from qingzhuang.ledger.testing import rollup_rows
from qingzhuang.org.demo import DemoContext

pytestmark = pytest.mark.django_db


def test_on_the_demo_data_the_rebuild_equals_the_incremental_rollups_and_the_article_row_comes_out():
    ctx = DemoContext()
    for component in all_components():
        if component.demo is not None:
            component.demo(ctx)
    incremental = rollup_rows()
    assert all(incremental.values()), "the demo put something in every rollup"

    assert ledger_differences(first_year=2020) == []
    ledger_rebuild(first_year=2020)
    assert rollup_rows() == incremental

    office = county_office()
    assert office is not None
    result = article_figures(user=SYSTEM, office=office)
    assert round(result.figure(DOCUMENTS).change or 0, 3) == -0.176
    assert result.hours_per_meeting is not None and result.hours_per_meeting <= 1
    assert round(result.figure(MEETINGS).change or 0, 3) == -0.153
    # The article's county keeps meetings within one hour: none of 2024's ran longer.
    assert result.over_an_hour == 0
