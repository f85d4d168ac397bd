import pytest

from qingzhuang.audit.models import Event
from qingzhuang.audit.selectors import EventPresenter

pytestmark = pytest.mark.django_db


def test_phone_and_id_numbers_in_the_trail_are_masked_for_readers_without_personal_data_rights(world):
    event = Event.objects.filter(model="org.person", unit=world.xincheng).first()
    assert event is not None and event.changes["phone"][1] == "13912345678"
    assert EventPresenter(world.reviewer).raw_changes(event)["phone"][1] == "13912345678"
    # The outsider holds personal-data rights in 碑林区 only.
    masked = EventPresenter(world.outsider).raw_changes(event)
    assert masked["phone"][1] == "139****5678"
    assert masked["id_number"][1] == "6101**********1234"


def test_system_admin_reads_personal_data_in_clear(world):
    event = Event.objects.filter(model="org.person", unit=world.beilin_office).first()
    assert event is not None
    assert EventPresenter(world.admin).raw_changes(event)["phone"][1] == "13912345678"
