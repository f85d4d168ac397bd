"""The demo's 新渭路社区 riders come out of raw enrolment and status records: 60 members on 1 January 2023 and 136 two
years later (the article: "两年多时间从60人发展到136人"), read through the selector the roster page uses, as its
secretary sees them; joins and leavings both happened, so the figure is not a count of rows."""

import datetime as dt

import pytest

from qingzhuang.riders import selectors
from qingzhuang.riders.models import HazardReport, Rider, StatusChange

pytestmark = pytest.mark.django_db


def test_the_demo_grows_xinweilu_from_60_to_136_riders_through_the_pages_selector(db, settings, client):
    settings.QZ_TODAY = "2026-11-27"
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed
    from qingzhuang.riders.demo import seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)
    xinweilu, secretary = ctx.unit("新渭路社区"), ctx.users["xinweilu_secretary"]

    before = selectors.members_on(secretary, xinweilu, dt.date(2023, 1, 1))
    after = selectors.members_on(secretary, xinweilu, dt.date(2025, 1, 1))

    assert (before, after) == (60, 136)
    assert Rider.objects.filter(community=xinweilu).count() > after
    assert StatusChange.objects.filter(rider__community=xinweilu, status="left").exists()
    client.force_login(secretary)
    page = client.get(f"/riders/?community={xinweilu.pk}").content.decode()
    assert "<td>2023-01-01</td><td>60</td>" in page and "<td>2025-01-01</td><td>136</td>" in page
    rider = Rider.objects.get(user=ctx.users["xinweilu_rider"])
    assert rider.title == "新渭骑士" and HazardReport.objects.filter(reporter=rider.user, unit=xinweilu).count() >= 5
