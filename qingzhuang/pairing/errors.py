from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class PairingError(DomainError):
    status = 400


NOT_DEPARTMENT = _("Only a department of the county can be paired (chosen: %(name)s).")
NOT_COMMUNITY = _("Only a community or village of the same county can be paired (chosen: %(name)s).")
OTHER_COUNTY = _("The department and the community must belong to the same county.")
PERIOD_ORDER = _("The pairing cannot end before it starts.")
DATE_INVALID = _("Give a date such as 2026-12-01.")
OVERLAP = _("%(department)s is already paired with %(community)s over these days (from %(start)s).")
TOO_MANY_CADRES = _("At most %(max)s liaison cadres.")
CADRE_UNKNOWN = _("The liaison cadre's account must belong to the department.")
