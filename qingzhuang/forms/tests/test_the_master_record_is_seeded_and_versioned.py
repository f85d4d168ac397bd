"""The community master record: made from the community profile, counts only, versioned, every change audited."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.forms import selectors, services
from qingzhuang.forms.errors import FormsError
from qingzhuang.forms.master import MASTER_FIELDS
from qingzhuang.forms.models import MasterField, MasterValue

pytestmark = pytest.mark.django_db


def test_every_master_field_has_a_name_type_unit_and_definition():
    fields = list(MasterField.objects.all())

    assert len(fields) == len(MASTER_FIELDS) >= 20
    assert all(f.name and f.type and f.definition for f in fields)
    assert not any(word in f.name for f in fields for word in ("姓名", "身份证", "电话", "住址"))


def test_the_record_is_seeded_from_the_community_profile(world):
    record = services.master_record_ensure(unit=world.xincheng)

    values = {code: v.value for code, v in selectors.master_values(world.xincheng).items()}
    assert values == {"residents": "8895", "households": "3046", "staff": "11"}
    assert record.version == 1 and Event.objects.filter(model="forms.masterrecord", object_id=str(record.pk)).exists()


def test_a_corrected_value_makes_a_new_version_and_is_audited(world):
    services.master_record_ensure(unit=world.xincheng)

    services.master_value_set(actor=world.secretary, unit=world.xincheng, code="residents", value="8,950")

    value = MasterValue.objects.get(record__unit=world.xincheng, field__code="residents")
    assert value.value == "8950" and value.version == 2 and value.record.version == 2
    event = Event.objects.filter(model="forms.mastervalue", object_id=str(value.pk)).latest("id")
    assert event.changes["value"] == ["8895", "8950"]


def test_a_bad_value_or_another_communitys_record_changes_nothing(world):
    services.master_record_ensure(unit=world.xincheng)
    events = Event.objects.count()

    with pytest.raises(FormsError):
        services.master_value_set(actor=world.secretary, unit=world.xincheng, code="residents", value="-5")
    with pytest.raises(FormsError):
        services.master_value_set(actor=world.secretary, unit=world.xincheng, code="bogus<script>", value="1")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.master_value_set(actor=world.secretary, unit=world.changfa, code="residents", value="1")

    assert selectors.master_values(world.xincheng)["residents"].value == "8895" and Event.objects.count() == events
    assert not selectors.master_values(world.changfa)
