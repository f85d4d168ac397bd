"""The riders' help measures beside the burden, and their sections: the county board and a community's ledger page
show riders enrolled at the start and end, joined and left, copies handed out, patrols, hazards reported, confirmed,
fixed and the median time to fix — counted from raw records; another county sees nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from qingzhuang.ledger.measures import Direction, all_measures
from qingzhuang.ledger.periods import Period
from qingzhuang.ledger.rebuild import ledger_differences
from qingzhuang.riders import figures, services
from qingzhuang.riders.boards import board_section, unit_section
from qingzhuang.riders.testing import import_world_areas

pytestmark = pytest.mark.django_db


def _at(text):
    return timezone.make_aware(dt.datetime.fromisoformat(text))


@pytest.fixture
def activity(world, settings, tmp_path):
    settings.QZ_TODAY = "2026-11-27"
    settings.MEDIA_ROOT = tmp_path
    import_world_areas()
    rider = services.rider_enrol(actor=None, community=world.xincheng, name="马骏", phone="13912345678", duties=["road_clearer"],
                                 joined_on="2025-06-01", user=world.rider)
    gone = services.rider_enrol(actor=None, community=world.xincheng, name="刘强", phone="13812345678", duties=["road_clearer"],
                                joined_on="2026-02-01")
    services.rider_status_set(actor=world.secretary, rider=gone, status="left", since="2026-08-01")
    services.publicity_record(actor=world.rider, material="反诈骗宣传单", count=60, place="菜市场", day="2026-03-02")
    patrol = services.patrol_record(actor=world.rider, area="沿街商铺", started_at="2026-04-01T19:00", ended_at="2026-04-01T20:00")
    services.patrol_decide(actor=world.secretary, patrol=patrol, status="accepted")
    category = next(c for c in services.categories_for(world.zhenan) if c.name == "消防通道堵塞")
    for days, reported in ((2, "2026-05-01T10:00"), (6, "2026-06-01T10:00")):
        report = services.hazard_report(actor=world.rider, category=category.pk, description="通道堵塞", lat="33.425", lng="109.155",
                                        datum="wgs84", now=_at(reported))
        services.hazard_decide(actor=world.secretary, report=report, status="confirmed", now=_at(reported) + dt.timedelta(hours=2))
        services.hazard_decide(actor=world.secretary, report=report, status="fixed", now=_at(reported) + dt.timedelta(days=days))
    rejected = services.hazard_report(actor=world.rider, category=category.pk, description="误报", lat="33.425", lng="109.155",
                                      datum="wgs84", now=_at("2026-07-01T10:00"))
    services.hazard_decide(actor=world.secretary, report=rejected, status="confirmed", now=_at("2026-07-01T12:00"))
    services.hazard_decide(actor=world.secretary, report=rejected, status="rejected", note="现场核实无此情况", now=_at("2026-07-02T12:00"))
    return rider


def test_the_figures_count_what_their_labels_say(world, activity):
    fig = figures.community_figures([world.xincheng.pk], dt.date(2026, 1, 1), dt.date(2027, 1, 1))

    assert (fig["members_start"], fig["members_end"], fig["joined"], fig["left"]) == (1, 1, 1, 1)
    assert (fig["materials"], fig["handouts"], fig["patrols"]) == (60, 1, 1)
    assert (fig["reported"], fig["confirmed"], fig["fixed"], fig["rejected"]) == (3, 2, 2, 1)
    assert fig["median_days_to_fix"] == 4.0


def test_the_measures_are_help_and_the_kept_rollups_equal_a_rebuild(world, activity):
    ours = [m for m in all_measures() if m.code.startswith("riders.")]
    assert {m.direction for m in ours} == {Direction.HELP} and {m.weight for m in ours} == {0.0}
    assert ledger_differences(measures=ours) == []


def test_the_board_and_the_community_page_show_the_section_in_scope(world, activity, client_for):
    period = Period("year", 2026)
    html = board_section(world.reviewer, world.office, period)
    assert "2026年骑手和志愿者" in html and "新城社区" in html and "确认 2 条，整改 2 条，认定不实 1 条" in html
    assert "从上报到整改用时中位数 4.0 天" in html
    assert board_section(world.outsider, world.office, period) == ""
    assert "宣传资料发放份数" in unit_section(world.secretary, world.xincheng, period)
    assert unit_section(world.outsider, world.xincheng, period) == ""
    page = client_for(world.reviewer).get(f"/ledger/?unit={world.office.pk}&p=2026").content.decode()
    assert 'id="riders-board"' in page
