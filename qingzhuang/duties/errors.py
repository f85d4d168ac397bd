from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class DutyError(DomainError):
    status = 400


NOT_GRASSROOTS = _("Only a town/street, a community or a village has a duty list and receives tasks.")
NO_ITEMS = _("The list has no duties: a list needs at least one basic duty.")
SECTION_UNKNOWN = _("“%(value)s” is not a section. Use one of: 基本履职事项, 配合履职事项, 上级部门收回事项.")
DEPARTMENT_UNKNOWN = _("No department named “%(name)s” in this county.")
ITEM_TWICE = _("“%(title)s” is listed twice in the same section.")
TOO_MANY_ITEMS = _("At most %(max)s duties in one list.")
EFFECTIVE_TOO_EARLY = _("The new list must start after the current one (version %(version)s, from %(date)s).")
NOT_PENDING = _("This adjustment has already been decided.")
NOTE_BLANK = _("Say why the adjustment is rejected.")
DATE_INVALID = _("Give a date such as 2026-12-01.")
FILE_MISSING = _("Choose the .xlsx file to import.")

ISSUER_NOT_ABOVE = _("%(issuer)s cannot push tasks to %(recipient)s: it is outside its county.")
CITED_NOT_LISTED = _("The cited duty is not on %(unit)s's current list.")
TAKEN_BACK = _("“%(title)s” was taken back by %(department)s: the grassroots no longer does it. The task is refused.")
DUE_BEFORE_SENT = _("The due date is before today.")
NOT_REFUSABLE = _("Only a task that is neither on the list nor admitted can be refused.")
REASON_BLANK = _("Give a reason.")
NOT_UNADMITTED = _("Entry can be applied for only for a task that is not on the list and not yet admitted.")
NOT_APPLIED = _("This task is not waiting for an entry decision.")
NOT_ADMITTED = _("Only an admitted task can have its entry revoked.")
GATE_BLOCKED = _("The gate refused the task: %(reason)s")
NOT_VILLAGE = _("Plaques are recorded for a community or a village.")
SIGNBOARD_EXCESS = _("The gate refused the plaque: %(reason)s")
NOT_HUNG = _("Only a plaque that is hung can be removed.")
NOT_REQUESTED = _("This request has already been decided.")
REMOVED_BEFORE_HUNG = _("The plaque cannot come down before it went up (%(since)s).")
REMOVED_IN_FUTURE = _("The removal date is after today.")
SINCE_IN_FUTURE = _("The plaque cannot have been hung after today.")
PHOTO_NEEDED = _("Give the photo's reference (file number or archive place) of the removed plaque.")
