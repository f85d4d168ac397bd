"""The inspections' error codes, shared by the pages and the API (tests import the messages)."""

from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class InspectionError(DomainError):
    """A request that conflicts with the item's state, the plan or the gate."""

    status = 409


class InspectionInvalid(DomainError):
    status = 400


WRONG_STATE = _("This cannot be done to an inspection item that is %(status)s.")
NOT_FILED = _("“%(subject)s” is not filed: an item outside the filed annual plan must pass the monthly review (月控) before it may be carried out.")
TRACES_REFUSED = _("Refused by the rule “%(rule)s”: the criteria demand traces (“%(phrase)s”). Judge results, not traces (重痕不重绩): rewrite the criteria.")
GATE_BLOCKED = _("The gate blocks this item: %(rules)s.")
NO_COUNTY_OFFICE = _("This county has no county office to keep its inspection plan.")
LEAD_NOT_IN_COUNTY = _("The lead department must belong to a county.")
TARGET_OUTSIDE_COUNTY = _("Inspected units must belong to the lead department's county.")
TARGETS_REQUIRED = _("Name at least one unit to inspect.")
NO_TARGETS_IN_SCOPE = _("The county has no units of that kind to inspect.")
WINDOW_ORDER = _("The window must end on or after the day it starts.")
WINDOW_ONE_YEAR = _("The window must lie within one calendar year (the plan's year).")
PLAN_FILED = _("The %(year)s plan is already filed.")
PLAN_UNDECIDED = _("Decide every proposal first: %(count)s still await the county office.")
MERGE_TWO = _("Choose at least two items to merge.")
MERGE_OTHER_PLAN = _("Only items of the same county's plan for the same year can be merged.")
MERGE_KINDS = _("These kinds cannot be merged: supervision and inspection go together, assessment only with assessment.")
REASON_REQUIRED = _("Give a reason: the department reads it.")
VISIT_NOT_TARGET = _("%(unit)s is not one of the units this item inspects.")
VISIT_DAY_FUTURE = _("A visit is recorded once it has happened: the day cannot be after today.")
CARRY_OUT_NO_VISIT = _("Record at least one visit (or, for an item not on site, the day the review took place) before marking it carried out.")
FEEDBACK_NOT_TARGET = _("Only a unit the item inspects can give feedback on it.")
RESPONSE_REQUIRED = _("Write the unit's response.")
