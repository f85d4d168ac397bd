"""The document and meeting forms show one recipient picker: grouped checkboxes by town/street, only the
units the user may choose, no Ctrl hint; what is posted is still unit ids and the services still refuse
deactivated and out-of-scope units, writing nothing."""

import re

import pytest
from django.utils import timezone

from qingzhuang.documents.models import Document
from qingzhuang.meetings.models import Meeting
from qingzhuang.meetings.tests.factories import at
from qingzhuang.org import services

pytestmark = pytest.mark.django_db


def _boxes(html, name):
    return {int(v) for v in re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)"', html)}


def _meeting_form(world, attendees):
    return {
        "organiser": world.civil_affairs.pk, "topic": "社会救助政策培训会", "field": "民政", "kind": "special", "format": "video",
        "starts_at": timezone.localtime(at(12)).strftime("%Y-%m-%dT%H:%M"), "planned_minutes": 50, "attendees": attendees,
        "principals_count": 1, "speech-TOTAL_FORMS": 4, "speech-INITIAL_FORMS": 0, "save": "1",
    }


def test_the_document_form_offers_the_countys_grassroots_units_grouped_by_town_without_a_ctrl_hint(world, client):
    services.unit_update(actor=None, unit=world.changfa, is_active=False)
    client.force_login(world.clerk)

    html = client.get("/documents/new/").content.decode()

    assert _boxes(html, "recipients") == {world.yongle.pk, world.xincheng.pk, world.xikou.pk}
    assert "Ctrl" not in html and "⌘" not in html
    assert '<summary><span class="picker-title">永乐街道</span>' in html
    assert "本级" in html and "尚未选择单位。" in html
    assert 'data-initials="xcsq"' in html and 'data-pinyin="xinchengshequ"' in html


def test_the_meeting_form_offers_departments_too_and_only_of_the_users_county(world, client):
    client.force_login(world.clerk)

    html = client.get("/meetings/new/").content.decode()

    offered = _boxes(html, "attendees")
    assert {world.education.pk, world.yongle.pk, world.xincheng.pk, world.changfa.pk} <= offered
    assert world.caochangpo.pk not in offered and world.changanlu.pk not in offered
    assert "县级部门及其他单位" in html and "Ctrl" not in html


def test_chosen_units_are_ticked_and_summed_up_when_the_form_comes_back(world, client):
    client.force_login(world.clerk)

    html = client.post("/documents/new/", {"issuer": world.civil_affairs.pk, "title": "", "recipients": [world.xincheng.pk, world.yongle.pk]}).content.decode()

    assert f'value="{world.xincheng.pk}" data-kind="community" checked' in html
    assert "已选 2 个单位" in html and "永乐街道办事处" in html


def test_posting_picked_ids_saves_the_document_with_those_recipients(world, client):
    client.force_login(world.clerk)

    response = client.post("/documents/new/", {
        "issuer": world.civil_affairs.pk, "title": "关于做好冬季救助工作的通知", "text": "请各单位做好冬季救助。",
        "kind": "red_head", "recipients": [world.xincheng.pk, world.changfa.pk],
    })

    doc = Document.objects.get(title="关于做好冬季救助工作的通知")
    assert response.status_code == 302
    assert set(doc.recipients.values_list("pk", flat=True)) == {world.xincheng.pk, world.changfa.pk}


@pytest.mark.parametrize("which", ["deactivated", "other_county"])
def test_a_deactivated_or_other_county_recipient_posted_by_hand_is_refused_and_nothing_is_saved(world, client, which):
    if which == "deactivated":
        services.unit_update(actor=None, unit=world.changfa, is_active=False)
    unit = world.changfa if which == "deactivated" else world.caochangpo
    client.force_login(world.clerk)

    response = client.post("/documents/new/", {
        "issuer": world.civil_affairs.pk, "title": "关于做好冬季救助工作的通知", "text": "请各单位做好冬季救助。",
        "kind": "red_head", "recipients": [world.xincheng.pk, unit.pk],
    })

    assert response.status_code == 400
    assert unit.name in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("which", ["deactivated", "other_county"])
def test_a_meeting_with_a_deactivated_or_other_county_attendee_is_refused_and_nothing_is_saved(world, client, which):
    if which == "deactivated":
        services.unit_update(actor=None, unit=world.changfa, is_active=False)
    unit = world.changfa if which == "deactivated" else world.caochangpo
    client.force_login(world.clerk)

    response = client.post("/meetings/new/", _meeting_form(world, [world.xincheng.pk, unit.pk]))

    assert response.status_code == 200 and "fielderror" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_saved_from_the_picker_keeps_its_attendees_and_shows_them_ticked_on_edit(world, client):
    client.force_login(world.clerk)

    client.post("/meetings/new/", _meeting_form(world, [world.xincheng.pk, world.education.pk]))
    meeting = Meeting.objects.get()
    html = client.get(f"/meetings/{meeting.pk}/edit/").content.decode()

    assert set(meeting.attendees.values_list("pk", flat=True)) == {world.xincheng.pk, world.education.pk}
    assert f'value="{world.xincheng.pk}" data-kind="community" checked' in html
    assert f'value="{world.changfa.pk}" data-kind="village">' in html
