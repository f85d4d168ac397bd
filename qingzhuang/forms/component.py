"""Forms (报表, 一表通): the community master record, the county's form catalogue with field matching, online
filling with pre-filled values, answers in the issuer's own workbook layout; measures for the ledger."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component
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


def _demo(ctx):  # type: ignore[no-untyped-def]
    from qingzhuang.forms.demo import seed

    seed(ctx)


def _items(what):  # type: ignore[no-untyped-def]
    def items(unit, start, end):  # type: ignore[no-untyped-def]
        from qingzhuang.forms.selectors import answer_items

        return answer_items(unit, start, end, what)

    return items


def _compute(name):  # type: ignore[no-untyped-def]
    def compute(start, end):  # type: ignore[no-untyped-def]
        from qingzhuang.forms import selectors

        return getattr(selectors, name)(start, end)

    return compute


def _board_section(user, root, period):  # type: ignore[no-untyped-def]
    from qingzhuang.forms.views import board_section

    return board_section(user, root, period)


def _unit_section(user, unit, period):  # type: ignore[no-untyped-def]
    from qingzhuang.forms.views import unit_section

    return unit_section(user, unit, period)


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
    board_section=_board_section,
    unit_section=_unit_section,
    demo=_demo,
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
            direction=Direction.BURDEN, weight=1.0, compute=_compute("filled_compute"), items=_items("filled"), order=40,
        ),
        Measure(
            code="forms.fields_typed", label=_("Form fields typed"), unit_label=pgettext_lazy("ledger unit", "fields"),
            direction=Direction.BURDEN, weight=0.0, compute=_compute("typed_compute"), items=_items("typed"), order=41,
        ),
        Measure(
            code="forms.fields_prefilled", label=_("Form values pre-filled (一表通)"), unit_label=pgettext_lazy("ledger unit", "fields"),
            direction=Direction.HELP, weight=0.0, compute=_compute("prefilled_compute"), items=_items("prefilled"), order=42,
        ),
    ),
)
