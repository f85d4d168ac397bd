from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class CaseError(DomainError):
    status = 400


NOT_COMMUNITY = _("Cases are raised by a community or village (chosen: %(name)s).")
NOT_BEYOND = _("Say whether the problem is beyond the community's power or its ability: a case is for what it cannot solve alone.")
NO_RECIPIENT = _("%(name)s has no paired department and no street office to raise the case to.")
ALREADY_ACCEPTED = _("%(lead)s already accepted this case and leads it.")
NOT_RAISED = _("Only a case waiting for a department can be accepted or returned.")
NOT_RECIPIENT = _("The case was not raised to your unit: only a department it was raised to can accept or return it.")
NOT_LEAD = _("Only the lead department (%(lead)s) can do this.")
NOT_WORKING = _("The case is %(status)s: this cannot be done now.")
NOT_RETURNED = _("Only a returned case can be raised again.")
NOT_RESOLVED = _("Only a resolved case can be rated.")
REASON_BLANK = _("Give a reason.")
ALREADY_PAUSED = _("The clock is already paused.")
NOT_PAUSED = _("The clock is not paused.")
HANDLER_TWICE = _("%(name)s already handles this case.")
HANDLER_NONE = _("Choose a unit of the county or name an outside party (a developer, a utility).")
HANDLER_BOTH = _("Choose a unit or name an outside party, not both.")
HANDLER_UNIT = _("A co-handler must be a department, the county office or a town/street office of the same county.")
MERGE_SELF = _("A case cannot be merged into itself.")
MERGE_TARGET = _("Merge into an open or resolved case of the same county that is not itself merged.")
MEETING_DATE = _("Give the meeting's date (not after today).")
NO_DECISION = _("Record at least one decision with its owner, as 'owner：decision' on each line.")
DECISION_LINE = _("Each decision needs its owner: write 'owner：decision' (line %(line)s).")
TOO_MANY_LINES = _("At most %(max)s decisions.")
PHOTO_TOO_MANY = _("At most %(max)s photos at once.")
PHOTOS_FULL = _("A case holds at most %(max)s photos; it has %(count)s.")
NO_PHOTOS = _("Choose at least one photo.")
NOT_PHOTO_PARTY = _("Only the community and the departments handling the case can add photos to it.")
RAISE_FOR_SOURCE = _("A department raises a case for a community only from a finding of its liaison visit (走访).")
RAISE_FOR_UNPAIRED = _("%(department)s is not paired with %(community)s: only a paired department raises a case for it.")
FIRST_RECEIVER = _("The department that receives the case first must be an active department of %(county)s.")
HANDLER_SIDE_WITHOUT = _("Only a dissatisfied rating can be for reasons on the handlers' side.")

# Labels of the actions' free texts (the model fields name their own).
NOTE = _("Note")
RETURN_REASON = _("Reason for returning it")
WHAT_CHANGED = _("What changed")
DECISIONS = _("Decisions")
RESULT = _("What was done")
RATING = _("Rating")
COMMENT = _("Opinion")
