"""The growth record is computed from the records: course kinds feed their axes (普法 → political quality; 交规, 应急救援,
消防 → professional ability), confirmed hazards and patrols feed professional ability and social value, help given feeds
social value; a confirmed hazard taken back no longer counts; each figure lists its records; levels follow the counts."""

import pytest

from qingzhuang.rewards import growth, services
from qingzhuang.rewards.testing import county_course, give_points, rider

pytestmark = pytest.mark.django_db


def test_each_record_feeds_its_axes_and_every_figure_lists_its_records(world):
    ma = rider(world)
    for kind, title in (("law", "普法"), ("traffic", "交规"), ("rescue", "应急救护"), ("fire", "消防")):
        services.completion_mark(actor=world.secretary, course=county_course(world, kind=kind, title=title), rider=ma, reason="补课合格")
    give_points(ma, 10, act="hazard_confirmed:1")
    give_points(ma, 10, act="hazard_confirmed:2")
    give_points(ma, -10, act="hazard_rejected:2")  # reported falsely: taken back
    give_points(ma, 5, act="patrol:7")
    give_points(ma, 5, act="help:3")
    give_points(ma, -30, act="store:1")  # spending is not growth

    record = growth.growth_of(ma)
    counts = {axis.code: axis.count for axis in record.axes}

    assert counts == {"political": 1, "professional": 5, "social": 3}
    sources = {axis.code: [r.source for r in axis.records] for axis in record.axes}
    assert "hazard_confirmed:2" not in sources["professional"] and "hazard_confirmed:1" in sources["social"]
    assert sorted(sources["social"]) == ["hazard_confirmed:1", "help:3", "patrol:7"]
    assert [a.level for a in record.axes] == [1, 2, 2] and record.level == 1


def test_levels_step_at_one_three_six_and_ten_records():
    assert [growth.level_of(n) for n in (0, 1, 2, 3, 5, 6, 9, 10, 500)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_a_rider_without_records_starts(world):
    record = growth.growth_of(rider(world))
    assert [a.count for a in record.axes] == [0, 0, 0] and record.level == 0 and record.records == []
