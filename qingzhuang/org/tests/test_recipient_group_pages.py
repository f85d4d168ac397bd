"""The recipient-group pages and the picker's save call: a clerk saves, lists, changes and deletes groups;
hostile input gets a Chinese message and writes nothing; another unit's group is out of reach."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.org import services
from qingzhuang.org.models import RecipientGroup

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def _state():
    return (
        list(RecipientGroup.objects.order_by("pk").values_list("pk", "name")),
        sorted(RecipientGroup.members.through.objects.values_list("recipientgroup_id", "unit_id")),
        Event.objects.count(),
    )


def test_the_picker_saves_the_choice_as_a_group_of_the_forms_issuer(world, client):
    client.force_login(world.clerk)

    response = client.post("/org/recipient-groups/save/", {"name": "城区社区", "owner": world.civil_affairs.pk,
                                                           "members": [world.xincheng.pk, world.changfa.pk]}, **JSON)

    body = response.json()
    assert response.status_code == 201
    assert body["name"] == "城区社区" and body["owner"] == "镇安县民政局"
    assert body["members"] == sorted([world.xincheng.pk, world.changfa.pk])
    assert RecipientGroup.objects.get().owner == world.civil_affairs


def test_an_owner_the_user_does_not_work_for_falls_back_to_their_own_unit(world, client):
    client.force_login(world.clerk)

    client.post("/org/recipient-groups/save/", {"name": "城区社区", "owner": world.education.pk, "members": [world.xincheng.pk]}, **JSON)

    assert RecipientGroup.objects.get().owner == world.civil_affairs


@pytest.mark.parametrize(
    ("values", "code"),
    [({"name": "\u3000\u200b"}, "required"), ({"name": "城\x00区"}, "unstorable"), ({"name": "组" * 100_000}, "too_long"),
     ({"members": ["100000000000000000000000"]}, "unit_unknown"), ({"members": ["-5"]}, "unit_unknown"),
     ({"members": []}, "group_empty"), ({"members": ["caochangpo"]}, "unit_caochangpo")],
)
def test_hostile_input_to_the_save_call_gets_a_chinese_message_and_writes_nothing(world, client, values, code):
    values = dict(values)
    if values.get("members") == ["caochangpo"]:
        values["members"], code = [world.caochangpo.pk], "group_member_outside"
    client.force_login(world.clerk)
    before = _state()

    response = client.post("/org/recipient-groups/save/", {"name": "城区社区", "members": [world.xincheng.pk], **values}, **JSON)

    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])
    assert _state() == before


def test_without_script_a_group_is_created_changed_and_deleted_through_its_pages(world, client):
    client.force_login(world.clerk)

    client.post("/org/recipient-groups/new/", {"name": "城区社区", "owner": world.civil_affairs.pk, "members": [world.xincheng.pk]})
    group = RecipientGroup.objects.get()
    page = client.get(f"/org/recipient-groups/{group.pk}/").content.decode()
    client.post(f"/org/recipient-groups/{group.pk}/", {"name": "城乡社区", "members": [world.xincheng.pk, world.changfa.pk]})
    listed = client.get("/org/recipient-groups/").content.decode()
    client.post(f"/org/recipient-groups/{group.pk}/delete/")

    assert f'value="{world.xincheng.pk}" data-kind="community" checked' in page
    assert "城乡社区" in listed and "镇安县民政局" in listed
    assert not RecipientGroup.objects.exists()
    assert list(Event.objects.filter(model="org.recipientgroup").values_list("action", flat=True).order_by("id")) == ["create", "update", "delete"]


def test_a_bad_name_on_the_group_page_is_shown_and_the_choice_kept(world, client):
    client.force_login(world.clerk)

    response = client.post("/org/recipient-groups/new/", {"name": "　", "owner": world.civil_affairs.pk, "members": [world.xincheng.pk]})

    html = response.content.decode()
    assert response.status_code == 400 and "分组名称" in html
    assert f'value="{world.xincheng.pk}" data-kind="community" checked' in html
    assert not RecipientGroup.objects.exists()


def test_another_units_group_cannot_be_opened_changed_or_deleted(world, client):
    group = services.recipient_group_create(actor=world.street_officer, owner=world.yongle, name="永乐社区", members=[world.xincheng])
    client.force_login(world.clerk)
    before = _state()

    assert client.get(f"/org/recipient-groups/{group.pk}/").status_code == 403
    assert client.post(f"/org/recipient-groups/{group.pk}/", {"name": "改名", "members": [world.changfa.pk]}).status_code == 403
    assert client.post(f"/org/recipient-groups/{group.pk}/delete/").status_code == 403
    assert "永乐社区" not in client.get("/org/recipient-groups/").content.decode()
    assert _state() == before


def test_a_community_secretary_has_no_group_pages(world, client):
    client.force_login(world.secretary)

    assert client.get("/org/recipient-groups/").status_code == 403
    assert client.post("/org/recipient-groups/save/", {"name": "x", "members": [world.xincheng.pk]}, **JSON).status_code == 403
    assert not RecipientGroup.objects.exists()
