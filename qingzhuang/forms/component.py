"""Forms (报表, 一表通): the community master record, the county's form catalogue with field matching, online
filling with pre-filled values, answers in the issuer's own workbook layout; measures for the ledger."""

from functools import partial

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.forms.models import Answer, Form, MasterRecord
from qingzhuang.forms.rules import RULES
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY
EVERYONE_AT_WORK = {
    Role.COUNTY_REVIEWER: C, Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U,
    Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U,
}


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.forms import selectors
    from qingzhuang.forms.models import AnswerStatus

    items = []
    waiting = selectors.answers_visible(user).filter(status=AnswerStatus.WAITING, unit__in=selectors.grassroots_units(user))
    if waiting.exists():
        items.append(AttentionItem(title=str(_("Forms to fill")), url=reverse("forms:answers"), count=waiting.count(), level="warning"))
    review = selectors.forms_to_review(user).count()
    if review:
        items.append(AttentionItem(title=str(_("Forms waiting for the catalogue review")), url=reverse("forms:catalogue") + "?status=submitted",
                                   count=review, level="warning"))
    return items


COMPONENT = Component(
    name="forms",
    url_prefix="forms",
    api_prefix="forms",
    permissions={
        "forms.view": EVERYONE_AT_WORK,
        "forms.draft": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.COUNTY_REVIEWER: U, Role.STREET_OFFICER: U},
        "forms.review": {Role.COUNTY_REVIEWER: C},
        "forms.fill": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U},
        "forms.master_view": {Role.COUNTY_REVIEWER: C, Role.STREET_OFFICER: U, Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U},
        "forms.synonyms": {Role.COUNTY_REVIEWER: U},
    },
    # A form belongs to its issuer and to the units it goes to; an answer to its unit and to the form's issuer.
    scoped_models={Form: ("issuer", "recipients"), Answer: ("unit", "form__issuer"), MasterRecord: ("unit",)},
    gate_rules=RULES,
    attention=_attention,
    board_section=deferred("qingzhuang.forms.views.board_section"),
    unit_section=deferred("qingzhuang.forms.views.unit_section"),
    demo=deferred("qingzhuang.forms.demo.seed"),
    nav=(
        (_("Form catalogue (一表通)"), "forms:catalogue", "forms.view"),
        (_("Forms to fill"), "forms:answers", "forms.fill"),
        (_("Community master record"), "forms:master", "forms.master_view"),
    ),
    nav_group="gate",
    nav_order=14,
    measures=(
        Measure(
            code="forms.filled", label=_("Forms filled"), unit_label=pgettext_lazy("ledger unit", "forms"),
            direction=Direction.BURDEN, weight=1.0, compute=deferred("qingzhuang.forms.selectors.filled_compute"),
            items=partial(deferred("qingzhuang.forms.selectors.answer_items"), what="filled"), order=40,
        ),
        Measure(
            code="forms.fields_typed", label=_("Form fields typed"), unit_label=pgettext_lazy("ledger unit", "fields"),
            direction=Direction.BURDEN, weight=0.0, compute=deferred("qingzhuang.forms.selectors.typed_compute"),
            items=partial(deferred("qingzhuang.forms.selectors.answer_items"), what="typed"), order=41,
        ),
        Measure(
            code="forms.fields_prefilled", label=_("Form values pre-filled (一表通)"), unit_label=pgettext_lazy("ledger unit", "fields"),
            direction=Direction.HELP, weight=0.0, compute=deferred("qingzhuang.forms.selectors.prefilled_compute"),
            items=partial(deferred("qingzhuang.forms.selectors.answer_items"), what="prefilled"), order=42,
        ),
    ),
)
