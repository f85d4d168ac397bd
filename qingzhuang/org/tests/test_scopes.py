import pytest
from django.urls import reverse

from qingzhuang.audit.models import Event
from qingzhuang.org import access, selectors
from qingzhuang.org.models import Unit

pytestmark = pytest.mark.django_db


def test_county_reviewer_sees_the_whole_county_and_nothing_of_another(world):
    visible = set(selectors.units_visible(world.reviewer).values_list("name", flat=True))
    assert {"镇安县委办公室", "镇安县民政局", "新城社区", "长发村"} <= visible
    assert not visible & {"碑林区委办公室", "草场坡社区", "长安路街道办事处"}


def test_department_clerk_sees_the_county_to_address_it(world):
    visible = set(selectors.units_visible(world.clerk).values_list("name", flat=True))
    assert "长发村" in visible and "草场坡社区" not in visible


def test_street_officer_sees_only_their_street_and_below(world):
    visible = set(selectors.units_visible(world.street_officer).values_list("name", flat=True))
    assert visible == {"永乐街道办事处", "新城社区"}


def test_community_secretary_sees_only_their_community(world):
    assert list(selectors.units_visible(world.secretary).values_list("name", flat=True)) == ["新城社区"]


def test_outsider_is_refused_another_countys_unit_page(world, client_for):
    response = client_for(world.outsider).get(reverse("org:unit", args=[world.changfa.pk]))
    assert response.status_code == 403
    assert "权限" in response.content.decode()


def test_refused_unit_update_changes_nothing(world):
    before_events = Event.objects.count()
    with pytest.raises(access.PermissionDenied):
        from qingzhuang.org.services import unit_update

        unit_update(actor=world.outsider, unit=world.changfa, name="改名村")
    world.changfa.refresh_from_db()
    assert world.changfa.name == "长发村"
    assert Event.objects.count() == before_events


def test_rider_cannot_read_residents_phone_numbers_in_clear(world):
    rows = selectors.people_of(user=world.rider, unit=world.xincheng)
    assert rows and all(r.masked and "****" in r.phone for r in rows)
    clear = selectors.people_of(user=world.secretary, unit=world.xincheng)
    assert all(not r.masked and r.phone == "13912345678" for r in clear)


def test_system_admin_sees_every_county(world):
    assert selectors.units_visible(world.admin).count() == Unit.objects.count()


def test_pinyin_full_and_initials_find_zhenan(world):
    for q in ("zhenan", "zax", "镇安", "611025"):
        names = [r.name for r in selectors.region_search(user=world.reviewer, q=q)]
        assert names and names[0] == "镇安县", q


def test_search_never_crosses_the_county_wall(world):
    assert selectors.unit_search(user=world.outsider, q="changfa") == []
    assert [u.name for u in selectors.unit_search(user=world.reviewer, q="changfa")] == ["长发村"]



def _to_many_world(w):  # type: ignore[no-untyped-def]
    """Documents and meetings of both counties in every state, each reaching units through its issuer or
    organiser and through its recipients or attendees (some in another county, some twice in one scope)."""
    import datetime as dt

    from django.utils import timezone

    from qingzhuang.documents.models import Document, Status
    from qingzhuang.meetings.models import Meeting, MeetingStatus

    plan = [
        (w.office, [w.xincheng, w.changfa], 0),  # two receivers in most scopes: must not repeat
        (w.civil_affairs, [w.changfa], 1),
        (w.education, [], 2),
        (w.yongle, [w.xincheng], 3),
        (w.beilin_office, [w.caochangpo], 0),
        (w.beilin_office, [w.caochangpo, w.xincheng], 1),  # another county's, sent into 镇安县
        (w.changanlu, [], 3),
    ]
    doc_states = [Status.ISSUED, Status.SUBMITTED, Status.DRAFT, Status.IN_REVIEW]
    meeting_states = [MeetingStatus.APPROVED, MeetingStatus.SUBMITTED, MeetingStatus.DRAFT, MeetingStatus.CLOSED]
    documents, meetings = {}, {}
    for issuer, units, state in plan:
        doc = Document.objects.create(issuer=issuer, title=f"{issuer.name}的文件", status=doc_states[state])
        doc.recipients.set(units)
        documents[doc.pk] = (issuer.pk, {u.pk for u in units}, doc.status)
        meeting = Meeting.objects.create(organiser=issuer, topic=f"{issuer.name}的会议", status=meeting_states[state],
                                         starts_at=timezone.now() + dt.timedelta(days=3), planned_minutes=60)
        meeting.attendees.set(units)
        meetings[meeting.pk] = (issuer.pk, {u.pk for u in units})
    return documents, meetings


def test_scope_through_a_to_many_relation_is_exactly_the_objects_one_of_whose_units_is_in_scope(world):
    """Meetings belong to their organiser and the units they summon; documents to their issuer and, once
    issued, their recipients. Each persona's are exactly those (brute force), each listed once."""
    from qingzhuang.documents.models import Document, Status
    from qingzhuang.meetings.models import Meeting

    documents, meetings = _to_many_world(world)
    def unit_ids(user, perm: str) -> set[int]:  # type: ignore[no-untyped-def]
        ids = access.unit_ids_for(user, perm)
        assert ids is not None  # None: every unit (a system administrator)
        return set(ids.values_list("id", flat=True))

    personas = [world.reviewer, world.clerk, world.leader, world.street_officer, world.secretary, world.worker, world.rider, world.outsider]
    for user in personas:
        units = unit_ids(user, "meetings.view")
        found = list(access.scoped_queryset(user, "meetings.view", Meeting.objects.all()).values_list("pk", flat=True))
        assert sorted(found) == sorted(pk for pk, (org, units_of) in meetings.items() if org in units or units_of & units), user.username

        units = unit_ids(user, "documents.view")
        expected = sorted(
            pk for pk, (issuer, receivers, status) in documents.items()
            if issuer in units or (status == Status.ISSUED and receivers & units)
        )
        found = list(access.scoped_queryset(user, "documents.view", Document.objects.all()).values_list("pk", flat=True))
        assert sorted(found) == expected, user.username
        pending = access.scoped_queryset(user, "documents.view", Document.objects.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW]))
        assert sorted(pending.values_list("pk", flat=True)) == [pk for pk in expected if documents[pk][2] in (Status.SUBMITTED, Status.IN_REVIEW)]
    outsider = access.scoped_queryset(world.outsider, "documents.view", Document.objects.all()).values_list("issuer__county", flat=True)
    assert set(outsider) == {world.beilin.pk}
    secretary = access.scoped_queryset(world.secretary, "documents.view", Document.objects.all()).values_list("issuer__name", flat=True)
    assert sorted(secretary) == ["镇安县委办公室"]  # 碑林区's document to 新城社区 is still submitted
