"""The ledger's pages show 一表通: the county board's section (catalogue size, duplicates refused, pre-fill rate) and
a community's page listing every form it had to fill with what it typed."""


import pytest

from qingzhuang.forms import services
from qingzhuang.forms.models import Answer, FormField
from qingzhuang.forms.testing import KNOWN_FIELDS, draft, sent
from qingzhuang.forms.views import board_section, unit_section
from qingzhuang.ledger.periods import Period
from qingzhuang.lib import clock

pytestmark = pytest.mark.django_db


def _filled(world):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    fields = {f.name: f.pk for f in form.fields.all()}
    services.answer_submit(actor=None, answer=answer, confirmed=answer.values.filter(prefilled=True).values_list("field_id", flat=True),
                           values={fields["独居老人"]: "126", fields["老年助餐服务人次"]: "1240", fields["是否开展上门探访"]: "是"})
    services.form_submit(actor=None, form=draft(world, title="人口摸底表", fields=KNOWN_FIELDS))
    return form


def test_the_county_board_shows_the_catalogue_duplicates_and_prefill_rate(world):
    _filled(world)

    html = board_section(world.reviewer, world.office, Period("year", clock.today().year))

    assert 'id="forms-board"' in html and "0 → 1" in html
    assert "50%" in html  # 3 of 6 values pre-filled


def test_a_community_page_lists_its_forms_with_what_it_typed(world):
    form = _filled(world)

    html = unit_section(world.secretary, world.xincheng, Period("year", clock.today().year))

    assert form.title in html and 'id="forms-unit"' in html


def test_the_board_section_is_empty_for_a_community_or_an_outsider(world):
    _filled(world)
    period = Period("year", clock.today().year)

    assert board_section(world.outsider, world.office, period) == ""
    assert board_section(world.reviewer, world.xincheng, period) == ""


def test_a_community_page_names_the_fields_each_form_made_it_type(world):
    form = _filled(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    typed = list(answer.values.filter(prefilled=False).order_by("field__position").values_list("field__name", flat=True))
    kept = list(answer.values.filter(prefilled=True).values_list("field__name", flat=True))

    html = unit_section(world.secretary, world.xincheng, Period("year", clock.today().year))

    assert typed and "、".join(typed) in html
    row = html[html.index(form.title):]
    row = row[: row.index("</tr>")]
    assert not any(name in row for name in kept)


def test_the_board_shows_the_catalogue_at_each_year_end_from_the_forms_decision_and_retirement_days(world):
    from qingzhuang.forms.models import Form

    today = clock.today()
    old = services.form_decide(actor=None, form=services.form_submit(actor=None, form=draft(world, title="旧表")), approve=True)
    Form.objects.filter(pk=old.pk).update(decided_on=today.replace(year=today.year - 2, month=3, day=1),
                                          status="retired", retired_on=today.replace(year=today.year - 1, month=6, day=1))
    _filled(world)
    fields_now = FormField.objects.filter(form__status__in=("approved", "sent")).count()

    html = board_section(world.reviewer, world.office, Period("year", today.year))

    table = html[html.index("<table"):]
    rows = table.split("<tr>")[2:]
    assert f"{today.year - 2}-12-31" in rows[0] and f">{old.fields.count()}<" in rows[0]
    assert f"{today.year - 1}-12-31" in rows[1] and ">0<" in rows[1]
    assert today.isoformat() in rows[2] and f">{fields_now}<" in rows[2]
