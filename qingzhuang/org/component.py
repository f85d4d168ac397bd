from django.utils.translation import gettext_lazy as _

from qingzhuang.components import Component
from qingzhuang.org import demo
from qingzhuang.org.access import Reach, region_q
from qingzhuang.org.models import CommunityProfile, Person, RecipientGroup, Region, Role, RoleAssignment, Unit, User

U, C = Reach.UNIT, Reach.COUNTY
EVERY_ROLE = dict.fromkeys(Role, U)

COMPONENT = Component(
    name="org",
    url_prefix="org",
    api_prefix="org",
    permissions={
        # Department staff address documents and meetings to any unit of their county.
        "org.view_unit": {**EVERY_ROLE, Role.DEPARTMENT_CLERK: C, Role.DEPARTMENT_LEADER: C},
        "org.view_personal_data": {Role.COUNTY_REVIEWER: U, Role.STREET_OFFICER: U, Role.COMMUNITY_SECRETARY: U},
        "org.manage_unit": {Role.COUNTY_REVIEWER: U, Role.STREET_OFFICER: U},
        "org.manage_profile": {Role.COUNTY_REVIEWER: U, Role.STREET_OFFICER: U, Role.COMMUNITY_SECRETARY: U},
        "org.manage_people": {Role.COUNTY_REVIEWER: U, Role.STREET_OFFICER: U, Role.COMMUNITY_SECRETARY: U},
        "org.import": {Role.COUNTY_REVIEWER: U, Role.STREET_OFFICER: U},
        "org.assign_roles": {Role.COUNTY_REVIEWER: U},
        "admin.access": {Role.COUNTY_REVIEWER: U},
        # Saved recipient groups belong to a unit; the staff who address documents or meetings from it share them.
        "org.recipient_groups": {Role.COUNTY_REVIEWER: U, Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U},
    },
    scoped_models={
        Unit: ("",),
        Person: ("unit",),
        CommunityProfile: ("unit",),
        RoleAssignment: ("unit",),
        # A user belongs to the units of their roles and of their person record.
        User: ("roles__unit", "person__unit"),
        Region: region_q,
        RecipientGroup: ("owner",),
    },
    demo=demo.seed,
    nav_group="org",
    nav_order=80,
    nav=(
        (_("Units"), "org:tree", "org.view_unit"),
        (_("Recipient groups"), "org:groups", "org.recipient_groups"),
        (_("Import"), "org:import", "org.import"),
    ),
)
