"""A rider records a patrol and the publicity they handed out; the community accepts a patrol (points once) or declines
it (no longer counted); a finding becomes a report linked to its patrol; staff record for their own riders only; hostile
input is refused in Chinese and writes nothing; every change is audited and kept in the ledger's rollups."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from qingzhuang.audit.models import Event
from qingzhuang.ledger.models import LedgerMonth
from qingzhuang.riders import figures, services
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import HazardReport, Patrol, PointsEntry, Publicity
from qingzhuang.riders.testing import import_world_areas

pytestmark = pytest.mark.django_db
BLANKS = ("", "\u3000\u3000", "\u00a0 ", "\u200b\u200b")
HOSTILE_TEXT = (*BLANKS, "巡\x00查", "巡\ud800查", "巡" * 100_000)


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.QZ_TODAY = "2026-11-27"
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def rider(world):
    return services.rider_enrol(actor=None, community=world.xincheng, name="马骏", phone="13912345678", duties=["safety_publicist"],
                                joined_on="2025-03-01", platform="meituan", user=world.rider)


@pytest.fixture
def other_rider(world):
    return services.rider_enrol(actor=None, community=world.changfa, name="刘强", phone="13812345678", duties=["road_clearer"],
                                joined_on="2025-03-01", platform="eleme")


def _patrol(world, **overrides):
    values = {"actor": world.rider, "area": "新城社区沿街商铺", "started_at": "2026-11-20T19:00", "ended_at": "2026-11-20T20:30",
              "findings": "3号楼楼道堆放纸箱"}
    return services.patrol_record(**{**values, **overrides})


def _counts():
    return (Patrol.objects.count(), Publicity.objects.count(), Event.objects.count(), PointsEntry.objects.count(),
            LedgerMonth.objects.count(), HazardReport.objects.count())


def _ledger(code, unit):
    return sum(LedgerMonth.objects.filter(measure=code, unit=unit).values_list("value", flat=True))


def test_a_rider_records_a_patrol_and_the_community_accepts_it_for_points_once(world, rider):
    patrol = _patrol(world)

    assert patrol.rider == rider and patrol.community == world.xincheng and patrol.day == dt.date(2026, 11, 20)
    assert Event.objects.filter(model="riders.patrol", object_id=str(patrol.pk)).count() == 1
    services.patrol_decide(actor=world.secretary, patrol=patrol, status="accepted")
    with pytest.raises(RiderError) as again:
        services.patrol_decide(actor=world.secretary, patrol=patrol, status="accepted")
    assert "该巡查已是“已认可”状态" in again.value.message
    entry = PointsEntry.objects.get(rider=rider)
    assert entry.act == f"patrol:{patrol.pk}" and entry.points == 5
    assert _ledger("riders.patrols", world.xincheng) == 1.0


def test_a_declined_patrol_needs_a_reason_earns_nothing_and_stops_counting(world, rider):
    patrol = _patrol(world)
    with pytest.raises(RiderError):
        services.patrol_decide(actor=world.secretary, patrol=patrol, status="declined", note="\u3000")
    services.patrol_decide(actor=world.secretary, patrol=patrol, status="declined", note="时间与外卖订单冲突，未实际巡查")

    assert not PointsEntry.objects.exists() and _ledger("riders.patrols", world.xincheng) == 0
    assert figures.community_figures([world.xincheng.pk], dt.date(2026, 1, 1), dt.date(2027, 1, 1))["patrols"] == 0


def test_a_patrol_finding_becomes_a_report_linked_to_its_patrol_and_only_its_own_rider_may_do_so(world, rider, other_rider):
    import_world_areas()
    patrol = _patrol(world)
    category = next(c for c in services.categories_for(world.zhenan) if c.name == "楼道杂物堆放")

    report = services.hazard_report(actor=world.rider, category=category.pk, description=patrol.findings, address=patrol.area,
                                    patrol=patrol)

    assert report.patrol == patrol and list(patrol.reports.all()) == [report]
    theirs = Patrol.objects.create(rider=other_rider, community=world.changfa, area="长发村", started_at=patrol.started_at,
                                   ended_at=patrol.ended_at, day=patrol.day)
    before = _counts()
    with pytest.raises(PermissionDenied):
        services.hazard_report(actor=world.rider, category=category.pk, description="x", address="y", patrol=theirs)
    assert _counts() == before


@pytest.mark.parametrize("field", ["area"])
@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_a_patrol_with_hostile_text_is_refused_in_chinese_and_writes_nothing(world, rider, field, value):
    before = _counts()
    with pytest.raises(RiderError) as refused:
        _patrol(world, **{field: value})
    assert refused.value.field == field and any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.message)
    assert _counts() == before


@pytest.mark.parametrize(("started", "ended", "code"), [
    ("昨天", "2026-11-20T20:00", "moment_invalid"),
    ("2026-11-20T25:00", "2026-11-20T20:00", "moment_invalid"),
    ("2026-11-20T20:00", "2026-11-20T19:00", "patrol_ends_before"),
    ("2026-11-20T20:00", "2026-11-20T20:00", "patrol_ends_before"),
    ("2026-11-18T08:00", "2026-11-20T08:00", "patrol_too_long"),
    ("2030-01-01T08:00", "2030-01-01T09:00", "moment_in_future"),
    ("1999-12-31T08:00", "1999-12-31T09:00", "date_too_early"),
    ("\x00", "2026-11-20T20:00", "moment_invalid"),
    ("9" * 100_000, "2026-11-20T20:00", "moment_invalid"),
])
def test_a_patrol_with_bad_times_is_refused_and_writes_nothing(world, rider, started, ended, code):
    before = _counts()
    with pytest.raises(RiderError) as refused:
        _patrol(world, started_at=started, ended_at=ended)
    assert refused.value.code == code and _counts() == before


def test_publicity_by_a_rider_and_by_staff_for_a_rider_counts_in_the_ledger(world, rider):
    services.publicity_record(actor=world.rider, material="反诈骗宣传单", count="120", place="新城社区菜市场", day="2026-11-02")
    services.publicity_record(actor=world.secretary, rider=rider, material="消防安全提示卡", count=30, place="3号楼", day="2026-11-03")

    assert _ledger("riders.materials", world.xincheng) == 150.0
    assert figures.community_figures([world.xincheng.pk], dt.date(2026, 11, 1), dt.date(2026, 12, 1))["materials"] == 150
    assert Event.objects.filter(model="riders.publicity").count() == 2


@pytest.mark.parametrize("count", [10**23, -5, 0, "10000000000000000000000", "-5", "1e3", "３", "十", "", None, True, 2.5, 10_001])
def test_hostile_counts_are_refused_and_write_nothing(world, rider, count):
    before = _counts()
    with pytest.raises(RiderError) as refused:
        services.publicity_record(actor=world.rider, material="反诈骗宣传单", count=count, place="菜市场", day="2026-11-02")
    assert refused.value.field == "count" and _counts() == before


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_publicity_with_hostile_text_is_refused(world, rider, value):
    before = _counts()
    with pytest.raises(RiderError):
        services.publicity_record(actor=world.rider, material=value, count=5, place="菜市场", day="2026-11-02")
    with pytest.raises(RiderError):
        services.publicity_record(actor=world.rider, material="宣传单", count=5, place=value, day="2026-11-02")
    assert _counts() == before


def test_staff_record_only_for_their_own_riders_and_a_user_without_a_rider_record_is_told_so(world, rider, other_rider):
    before = _counts()
    with pytest.raises(PermissionDenied):
        services.publicity_record(actor=world.secretary, rider=other_rider, material="宣传单", count=5, place="村口", day="2026-11-02")
    with pytest.raises(PermissionDenied):
        _patrol(world, actor=world.outsider, rider=rider)
    with pytest.raises(PermissionDenied):
        services.patrol_decide(actor=world.outsider, patrol=_patrol(world), status="accepted")
    Patrol.objects.all().delete()
    with pytest.raises(RiderError) as no_rider:
        _patrol(world, actor=world.secretary)
    assert no_rider.value.code == "not_a_rider"
    assert _counts()[:2] == before[:2]


def test_a_rider_who_left_can_no_longer_record(world, rider):
    services.rider_status_set(actor=world.secretary, rider=rider, status="left", since="2026-10-01")
    with pytest.raises(RiderError) as refused:
        _patrol(world)
    assert refused.value.code == "rider_left" and not Patrol.objects.exists()
    assert _ledger("riders.members", world.xincheng) == 0 and _ledger("riders.left", world.xincheng) == 1


def test_the_pages_scope_patrols_a_rider_sees_their_own_and_staff_of_another_place_are_refused(world, rider, other_rider, client_for):
    mine = _patrol(world)
    theirs = Patrol.objects.create(rider=other_rider, community=world.changfa, area="长发村村道", started_at=mine.started_at,
                                   ended_at=mine.ended_at, day=mine.day)
    page = client_for(world.rider).get("/riders/patrols/").content.decode()
    assert "新城社区沿街商铺" in page and "长发村村道" not in page
    assert client_for(world.rider).get(f"/riders/patrols/{theirs.pk}/").status_code == 403
    assert client_for(world.outsider).get(f"/riders/patrols/{mine.pk}/").status_code == 403
    staff = client_for(world.secretary).get("/riders/patrols/").content.decode()
    assert "新城社区沿街商铺" in staff and "长发村村道" not in staff
    posted = client_for(world.outsider).post(f"/riders/patrols/{mine.pk}/", {"status": "accepted"})
    assert posted.status_code == 403 and Patrol.objects.get(pk=mine.pk).status == "recorded"


def test_the_patrol_page_offers_to_report_the_finding_on_a_pre_filled_form(world, rider, client_for):
    patrol = _patrol(world)
    detail = client_for(world.rider).get(f"/riders/patrols/{patrol.pk}/").content.decode()
    assert f"/riders/report/?patrol={patrol.pk}" in detail
    form = client_for(world.rider).get(f"/riders/report/?patrol={patrol.pk}").content.decode()
    assert "3号楼楼道堆放纸箱" in form and 'value="新城社区沿街商铺"' in form and f'name="patrol" value="{patrol.pk}"' in form


def test_a_rider_cannot_decide_and_the_record_stays_unchanged(world, rider):
    patrol = _patrol(world)
    with pytest.raises(PermissionDenied), transaction.atomic():
        services.patrol_decide(actor=world.rider, patrol=patrol, status="accepted")
    assert Patrol.objects.get(pk=patrol.pk).status == "recorded" and not PointsEntry.objects.exists()

