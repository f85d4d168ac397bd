from django.utils.translation import gettext_lazy as _

from qingzhuang.audit.models import Event
from qingzhuang.components import Component
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

COMPONENT = Component(
    name="audit",
    url_prefix="audit",
    api_prefix="audit",
    permissions={
        # The county office reads the trail of the units it oversees; system administrators read everything.
        "audit.view": {Role.COUNTY_REVIEWER: Reach.UNIT},
    },
    scoped_models={Event: ("unit",)},
    nav_order=90,
    nav=((_("Audit trail"), "audit:list", "audit.view"),),
)
