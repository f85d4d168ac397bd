"""Items of the same or related kind aimed at the same units in overlapping windows are found and
proposed for merging; the joint inspection keeps the lineage of what it replaced and counts once."""

import datetime as dt

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.gate.models import Quota
from qingzhuang.gate.services import quota_set
from qingzhuang.inspections import errors, services
from qingzhuang.inspections.errors import InspectionInvalid
from qingzhuang.inspections.models import Item, ItemStatus
from qingzhuang.inspections.selectors import merge_proposals, overlapping, verdicts
from qingzhuang.inspections.tests.factories import propose, window

pytestmark = pytest.mark.django_db


def _pair(world):
    start, end = window(20)
    a = propose(world, subject="城乡低保专项检查", window_start=start, window_end=end)
    b = propose(
        world, actor=world.reviewer, lead=world.education, kind="supervision", subject="义务教育控辍保学督查",
        targets=[world.yongle], window_start=start + dt.timedelta(days=2), window_end=end + dt.timedelta(days=5),
    )
    return a, b


def test_the_second_overlapping_proposal_is_warned_and_proposed_for_merging(world):
    a, b = _pair(world)
    assert list(overlapping(b)) == [a]
    overlap = next(v for v in verdicts(b) if v.rule == "inspection.overlap")
    assert overlap.outcome == "warn" and a.subject in overlap.text
    [proposal] = merge_proposals(a.plan)
    assert {i.pk for i in proposal.items} == {a.pk, b.pk}
    assert proposal.units == [world.yongle.name]


def test_items_at_other_units_or_windows_or_kinds_do_not_overlap(world):
    start, end = window(20)
    a = propose(world, targets=[world.yongle], window_start=start, window_end=end)
    propose(world, subject="别的街道", targets=[world.xikou], window_start=start, window_end=end)
    propose(world, subject="之后", targets=[world.yongle], window_start=end + dt.timedelta(days=1), window_end=end + dt.timedelta(days=3))
    propose(world, subject="考核", kind="assessment", targets=[world.yongle], window_start=start, window_end=end)
    assert list(overlapping(a)) == []
    assert merge_proposals(a.plan) == []


def test_the_county_office_merges_them_into_one_joint_inspection_with_lineage(world):
    a, b = _pair(world)
    events = Event.objects.count()
    joint = services.items_merge(actor=world.reviewer, items=[a, b])
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == b.status == ItemStatus.MERGED
    assert a.merged_into == b.merged_into == joint
    assert set(joint.merged_from.all()) == {a, b}
    assert joint.lead == world.civil_affairs and list(joint.partners.all()) == [world.education]
    assert set(joint.targets.all()) == {world.yongle, world.xikou}
    assert joint.window_start == a.window_start and joint.window_end == b.window_end
    assert joint.status == ItemStatus.ACCEPTED and joint.kind == "inspection"
    assert Event.objects.count() == events + 3  # two merged, one created
    assert merge_proposals(a.plan) == []


def test_the_joint_inspection_counts_once_against_the_caps(world):
    year = window()[0].year
    quota_set(actor=world.reviewer, unit=world.office, year=year, kind="inspection.inspection", limit=10)
    a, b = _pair(world)
    joint = services.items_merge(actor=world.reviewer, items=[a, b])
    services.plan_file(actor=world.reviewer, plan=joint.plan)
    assert Quota.objects.get(unit=world.office, kind="inspection.inspection").used == 1


def test_assessment_and_inspection_cannot_be_merged(world):
    start, end = window(20)
    a = propose(world, window_start=start, window_end=end)
    b = propose(world, kind="assessment", subject="年度目标考核", window_start=start, window_end=end)
    with pytest.raises(InspectionInvalid) as caught:
        services.items_merge(actor=world.reviewer, items=[a, b])
    assert caught.value.message == str(errors.MERGE_KINDS)
    assert Item.objects.filter(status=ItemStatus.MERGED).count() == 0 and Item.objects.count() == 2


def test_a_department_cannot_merge(world):
    a, b = _pair(world)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.items_merge(actor=world.clerk, items=[a, b])
    assert Item.objects.count() == 2 and not Item.objects.filter(status=ItemStatus.MERGED).exists()
