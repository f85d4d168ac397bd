from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from qingzhuang.components import Component, deferred
from qingzhuang.documents.measures import MEASURES
from qingzhuang.documents.models import Document, DocumentPlan, Status
from qingzhuang.documents.rules import GATE_RULES
from qingzhuang.org.access import Reach, Scope, unit_q
from qingzhuang.org.models import Role


def _document_scope(scope: Scope) -> Q:
    """The issuer's people (and the reviewer above them) see every state; a recipient unit's people see a
    document only once it is issued (a draft, or one under review or approved, is not theirs yet)."""
    # EXISTS, checked only for the rows the rest of the query keeps: `pk IN (every document the scope's units
    # ever received)` read the whole history before the review queue's state filter narrowed it.
    received = Document.recipients.through.objects.filter(unit_q(scope, "unit__"), document_id=OuterRef("pk"))
    return unit_q(scope, "issuer__") | Q(Q(status=Status.ISSUED), Exists(received))


U = Reach.UNIT
EVERY_ROLE = dict.fromkeys(Role, U)

COMPONENT = Component(
    name="documents",
    url_prefix="documents",
    api_prefix="documents",
    permissions={
        "documents.draft": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U},
        "documents.submit": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U},
        "documents.review": {Role.COUNTY_REVIEWER: U},
        "documents.plan": {Role.COUNTY_REVIEWER: U, Role.DEPARTMENT_LEADER: U, Role.DEPARTMENT_CLERK: U},
        # The issuer's people, the county reviewer, and every recipient once issued (see _document_scope).
        "documents.view": EVERY_ROLE,
    },
    scoped_models={Document: _document_scope, DocumentPlan: ("unit",)},
    gate_rules=GATE_RULES,
    measures=MEASURES,
    demo=deferred("qingzhuang.documents.demo.seed"),
    attention=deferred("qingzhuang.documents.selectors.attention_for"),
    nav_group="gate",
    nav_order=10,
    nav=(
        (_("Documents"), "documents:list", "documents.view"),
        (_("Review"), "documents:review_list", "documents.review"),
        (_("Document plans"), "documents:plans", "documents.plan"),
    ),
)
