"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): riders' hazard reports through a standard interface, so
existing Open311 apps and libraries file and follow them; the county office issues and revokes the apps' keys."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qingzhuang.components import Component
from qingzhuang.open311.models import ApiKey
from qingzhuang.open311.rules import Open311PublicReadsRule
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

COMPONENT = Component(
    name="open311",
    url_prefix="open311",
    permissions={
        # The county office (县委办 reviewer) issues its county's keys and revokes them.
        "open311.keys": {Role.COUNTY_REVIEWER: Reach.COUNTY},
    },
    scoped_models={ApiKey: lambda scope: Q(county_id=scope.county_id)},
    gate_rules=(Open311PublicReadsRule(),),
    nav=((_("Open311 keys"), "open311:keys", "open311.keys"),),
    nav_group="forces",
    nav_order=35,
)
