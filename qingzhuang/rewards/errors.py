from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class RewardsError(DomainError):
    status = 400


NOT_OFFERER = _("Courses are offered by a county office or by a community or village.")
NOT_A_COMMUNITY = _("A store belongs to a community or a village.")
DATETIME_INVALID = _("Give the date and time such as 2026-12-01 19:30.")
DATE_OUT_OF_RANGE = _("Give a date between the years 2000 and 2099.")
RIDER_NOT_HERE = _("%(name)s is not a rider of a community this course is offered to.")
RIDER_LEFT = _("%(name)s has left: only current riders and volunteers take part.")
NOT_ENROLLED = _("%(name)s is not enrolled in this course: enrol them first.")
ALREADY_ENROLLED = _("%(name)s is already enrolled.")
ALREADY_COMPLETED = _("%(name)s has already completed this course.")
SESSION_FULL = _("This session has %(seats)s seats and they are all taken.")
NO_RIDERS = _("Choose at least one rider.")
REASON_NEEDED = _("Give the reason (e.g. “attended the county's make-up class on 5 May”).")
SESSION_NOT_HELD = _("This session has not taken place yet: attendance is recorded after it starts.")
ITEM_EXISTS = _("“%(name)s” is already in this store.")
OUT_OF_STOCK = _("Sorry, “%(name)s” has just run out: someone took the last one. Choose another item.")
NOT_ON_SHELF = _("“%(name)s” is no longer on the shelf.")
NOT_YOUR_STORE = _("This item is in the store of %(community)s: riders redeem at their own community's store.")
NOT_A_RIDER = _("Your account is not enrolled as a rider or volunteer: ask your community to enrol you.")
STOCK_BELOW_ZERO = _("The stock is %(stock)s: it cannot go below zero.")
CHANGE_ZERO = _("The change cannot be zero.")
NOT_RESERVED = _("This redemption is already %(status)s.")
CODE_WRONG = _("The collection code does not match: ask the rider to show the code on their phone.")
