import pytest

from qingzhuang.audit.models import Event
from qingzhuang.org import services
from qingzhuang.org.models import Unit

pytestmark = pytest.mark.django_db


def test_an_update_is_recorded_with_each_fields_before_and_after(world, client):
    services.unit_update(actor=world.reviewer, unit=world.xincheng, short_name="新城", is_active=False)
    event = Event.objects.filter(model="org.unit", object_id=str(world.xincheng.pk), action="update").get()
    assert event.actor == world.reviewer
    assert event.changes["short_name"] == ["", "新城"]
    assert event.changes["is_active"] == [True, False]

    client.force_login(world.reviewer)
    response = client.get(f"/audit/org.unit/{world.xincheng.pk}/")
    assert response.status_code == 200
    update = next(r for r in response.context["rows"] if r.event == event)
    shown = {c.label: (c.before, c.after) for c in update.changes}
    active = str(Unit._meta.get_field("is_active").verbose_name)
    assert shown == {"简称": ("—", "新城"), active: ("是", "否")}
    page = response.content.decode()
    assert "修改" in page and "新建" in page


def test_references_are_shown_by_name(world, client):
    client.force_login(world.reviewer)
    response = client.get(f"/audit/org.unit/{world.xincheng.pk}/")
    created = response.context["rows"][-1]
    shown = {c.label: c.after for c in created.changes}
    assert shown["上级单位"] == "永乐街道办事处"
    assert shown["类别"] == "社区"
    assert "path" not in {c.field for c in created.changes}


def test_nothing_is_recorded_when_nothing_changed(world):
    count = Event.objects.count()
    services.unit_update(actor=world.reviewer, unit=world.xincheng, short_name="")
    assert Event.objects.count() == count
