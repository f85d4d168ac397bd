"""Scope: a county sees its own tree, a community only its own answers; denied actions change nothing."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.forms import selectors, services
from qingzhuang.forms.models import Answer, AnswerStatus, Form, FormStatus
from qingzhuang.forms.testing import draft, sent

pytestmark = pytest.mark.django_db


def test_a_community_sees_only_its_own_answers(world, client_for):
    form = sent(world)

    mine = client_for(world.secretary).get("/api/v1/forms/answers").json()
    other = Answer.objects.get(form=form, unit=world.changfa)
    denied = client_for(world.secretary).get(f"/api/v1/forms/answers/{other.pk}")

    assert [a["unit"] for a in mine] == ["新城社区"]
    assert denied.status_code == 403


def test_the_issuer_and_the_county_office_see_every_answer_and_the_outsider_none(world):
    sent(world)

    assert selectors.answers_visible(world.clerk).count() == 2
    assert selectors.answers_visible(world.reviewer).count() == 2
    assert selectors.answers_visible(world.outsider).count() == 0
    assert selectors.forms_visible(world.outsider).count() == 0


def test_an_outsider_cannot_open_approve_or_send_a_form(world, client_for):
    form = services.form_submit(actor=None, form=draft(world))
    client = client_for(world.outsider)
    events = Event.objects.count()

    opened = client.get(f"/api/v1/forms/forms/{form.pk}")
    decided = client.post(f"/api/v1/forms/forms/{form.pk}/decide", json.dumps({"approve": True}), content_type="application/json")

    assert opened.status_code == 403 and decided.status_code == 403
    form.refresh_from_db()
    assert form.status == FormStatus.SUBMITTED and Event.objects.count() == events


def test_a_department_clerk_cannot_approve_its_own_form(world):
    form = services.form_submit(actor=None, form=draft(world))

    with pytest.raises(PermissionDenied):
        services.form_decide(actor=world.clerk, form=form, approve=True)

    assert Form.objects.get(pk=form.pk).status == FormStatus.SUBMITTED


def test_a_clerk_cannot_draft_for_another_department(world):
    with pytest.raises(PermissionDenied):
        draft(world, actor=world.clerk, issuer=world.education)

    assert not Form.objects.exists()


def test_a_secretary_cannot_fill_another_communitys_answer(world):
    form = sent(world)
    other = Answer.objects.get(form=form, unit=world.changfa)

    with pytest.raises(PermissionDenied):
        services.answer_submit(actor=world.secretary, answer=other, values={})

    other.refresh_from_db()
    assert other.status == AnswerStatus.WAITING


def test_a_form_cannot_go_to_another_countys_community(world):
    with pytest.raises(services.FormsError) as err:
        draft(world, recipients=[world.xincheng, world.caochangpo])

    assert err.value.code == "recipient_not_grassroots" and not Form.objects.exists()
