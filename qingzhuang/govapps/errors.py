from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.lib.errors import DomainError


class GovAppError(DomainError):
    status = 400


OWNER_NOT_UPPER = _("%(unit)s is a community or village: apps and groups are registered by the upper-level unit that runs them.")
NOT_GRASSROOTS = _("%(unit)s is not a town/street, community or village of %(county)s.")
NO_UNITS = _("Choose at least one community or village that must use it.")
TOO_MANY_UNITS = _("At most %(max)s units at once.")
PRACTICE_UNKNOWN = _("“%(value)s” is not a practice. Use one of: %(choices)s.")
FILING_NUMBER_NEEDED = _("A filed app needs its filing number (备案号) and filing date.")
FILING_NUMBER_UNEXPECTED = _("Only a filed app has a filing number and date.")
FILED_IN_FUTURE = _("The filing date is after today.")
DATE_INVALID = pgettext_lazy("govapp", "Give a date such as 2026-12-01.")
DATE_IN_FUTURE = _("The date is after today.")
DATE_BEFORE_SINCE = _("The date is before %(unit)s began using it (%(since)s).")
GATE_BLOCKED = _("The gate refused it: %(reason)s")
NOT_ACTIVE = _("“%(name)s” is already closed or merged.")
ALREADY_REQUIRED = _("%(unit)s already has to use “%(name)s”.")
NOT_REQUIRED = _("This unit no longer has to use it.")
MERGE_INTO_ITSELF = _("An entry cannot be merged into itself.")
MERGE_OTHER_COUNTY = _("Entries of different counties cannot be merged.")
REASON_BLANK = _("Give a reason.")
