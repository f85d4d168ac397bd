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
PROPOSAL_EMPTY = _("Keep at least one row of the proposal to file it.")
PROPOSAL_TOO_MANY = _("A proposal files at most %(max)s rows at once.")
PROPOSAL_ROW_INVALID = _("Row %(row)s: choose a community and a department of the county.")
PROPOSAL_ROW_TWICE = _("Row %(row)s: %(community)s appears twice; keep one row per community.")
PROPOSAL_LEADER = _("Row %(row)s (%(community)s): %(message)s")
PROPOSAL_STALE = _("Row %(row)s: the pairings of %(community)s changed since the proposal was shown. Show the proposal again; nothing was filed.")
PROPOSAL_STARTS_LATER = _("Row %(row)s: the pairing of %(community)s with %(department)s starts on %(start)s, not before the proposal's day; choose a later day.")
WEIGHT_UNKNOWN = _("Choose how to weigh the communities: residents, open cases or equal.")
