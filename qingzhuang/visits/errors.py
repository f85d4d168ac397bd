from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class VisitError(DomainError):
    status = 400


NOT_AN_ORGANISER = _("Visits are organised by a department, the county office or a town/street office.")
NO_PLACES = _("Choose at least one place to visit.")
TOO_MANY_PLACES = _("At most %(max)s places in one visit: book several visits.")
PLACE_UNKNOWN = _("The places visited must be towns/streets, communities or villages of %(county)s (below %(organiser)s).")
DATE_INVALID = _("Give the dates as 2026-12-01.")
END_BEFORE_START = _("The last day is before the first day.")
TOO_LONG = _("A visit lasts at most %(max)s days; this one has %(days)s.")
TOO_FAR = _("The first day must lie within a year of today (%(earliest)s to %(latest)s).")
CROWD_REASON_NEEDED = _("扎堆调研预警: %(crowd)s Move the visit, or join the other team (联合调研); if it must go ahead on these days, say why.")
CROWD_BLOCKED = _("扎堆调研: %(crowd)s The county does not allow it: choose other days or join the other team (联合调研).")
NOT_PLANNED = _("Only a planned visit can be changed: this one is %(status)s.")
DONE_TOO_EARLY = _("A visit can be recorded as done only from its first day (%(day)s).")
REASON_BLANK = _("Give a reason.")
LIAISON_NOT_DEPARTMENT = _("Liaison visits (走访) are made by a county department to the communities paired with it.")
LIAISON_ONE_PLACE = _("A liaison visit goes to one community: log one visit per community.")
LIAISON_NOT_PAIRED = _("%(community)s is not paired with %(department)s on %(day)s: liaison visits go to the department's paired communities.")
NOT_LIAISON = _("Findings are recorded on liaison visits (走访) only.")
FINDING_NOT_DONE = _("Record the visit as done first: findings come from a visit that took place.")
FINDING_FUTURE = _("A visit on a later day has no findings yet: log them when it has taken place.")
TOO_MANY_FINDINGS = _("At most %(max)s findings on one visit.")
FINDING_RAISED = _("This finding is already case %(case)s.")
