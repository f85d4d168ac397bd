from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class GateError(DomainError):
    status = 409


class GateInvalid(GateError):
    """A typed value the gate cannot take (a quota past its range, a setting that is no number)."""

    status = 400


QUOTA_EXHAUSTED = _("The %(kind)s quota of %(unit)s for %(year)s is used up (%(used)s of %(limit)s). An authorised override with a reason is needed.")
OVERRIDE_NEEDS_REASON = _("An override needs a written reason.")
OVERRIDE_NOT_ALLOWED = _("You may not override a red quota.")
QUOTA_LIMIT_BELOW_USED = _("The limit cannot be lower than what is already used (%(used)s).")
NO_COUNTY_OFFICE = _("This county has no party/government office unit to hold its settings.")
INVALID_SETTING = _("%(name)s: enter a valid value.")
PERCENT_RANGE = _("%(name)s: enter a percentage from 0 to 100.")
RATIOS_ORDER = _("The yellow line must be above zero and not above the red line.")
LIMIT_INVALID = _("Enter a whole number of 0 or more.")
