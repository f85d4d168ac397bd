"""Forms not in the catalogue cannot be sent: a draft, a form waiting for review, a refused one."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.forms import services
from qingzhuang.forms.errors import FormsError
from qingzhuang.forms.models import Answer, FormStatus
from qingzhuang.forms.testing import draft

pytestmark = pytest.mark.django_db


def test_a_draft_cannot_be_sent(world):
    form = draft(world)
    events = Event.objects.count()

    with pytest.raises(FormsError) as err:
        services.form_send(actor=world.clerk, form=form)

    assert err.value.code == "not_in_catalogue"
    assert not Answer.objects.exists() and Event.objects.count() == events


def test_a_form_waiting_for_review_cannot_be_sent(world):
    form = services.form_submit(actor=world.clerk, form=draft(world))

    with pytest.raises(FormsError):
        services.form_send(actor=world.clerk, form=form)

    form.refresh_from_db()
    assert form.status == FormStatus.SUBMITTED and not Answer.objects.exists()


def test_the_county_office_refuses_with_a_note_and_the_form_stays_out_of_the_catalogue(world):
    form = services.form_submit(actor=world.clerk, form=draft(world))

    with pytest.raises(FormsError) as blank:
        services.form_decide(actor=world.reviewer, form=form, approve=False, note="\u3000")
    refused = services.form_decide(actor=world.reviewer, form=form, approve=False, note="与县统计局月报重复，请合并。")

    assert blank.value.code == "note_blank"
    assert refused.status == FormStatus.REFUSED and refused.catalogue_no == ""
    assert Event.objects.filter(model="forms.form", object_id=str(form.pk), reason="与县统计局月报重复，请合并。").exists()
