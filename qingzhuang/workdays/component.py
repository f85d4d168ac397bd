"""The working-day calendar: holidays and 调休 working weekends as data, one implementation for every app's deadlines."""

from django.utils.translation import gettext_lazy as _

from qingzhuang.components import Component
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

COMPONENT = Component(
    name="workdays",
    url_prefix="workdays",
    api_prefix="workdays",
    permissions={
        "workdays.view": dict.fromkeys(Role, Reach.UNIT),
        # Only a system administrator (who holds every permission) records a year's schedule.
        "workdays.edit": {},
    },
    nav=((_("Working-day calendar"), "workdays:home", "workdays.edit"),),
    nav_group="org",
    nav_order=90,
)
