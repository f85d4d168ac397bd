from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class SecondmentError(DomainError):
    status = 400


DATE_INVALID = _("Give a date such as 2026-12-01.")
DATE_OUT_OF_RANGE = _("Give a date between the years 2000 and 2099.")
END_BEFORE_START = _("The planned end (%(end)s) is before the start (%(start)s): the dates are the wrong way round.")
MONTHS_OR_END = _("Give either the planned end or the number of months, not both.")
LENDER_NOT_GRASSROOTS = _("Staff are lent by a community, a village or a town/street office.")
BORROWER_NOT_ABOVE = _("%(borrower)s is not an upper-level unit of %(lender)s's county: it cannot borrow its staff.")
PERSON_NOT_OF_LENDER = _("The person chosen is not on %(lender)s's roll.")
ALREADY_AWAY = _("%(name)s of %(lender)s is already seconded from %(start)s to %(end)s (to %(borrower)s).")
NO_ONE_LEFT = _("%(lender)s has %(staff)s staff and %(away)s already seconded away: nobody would be left at the post.")
GATE_BLOCKED = _("Refused: %(reason)s")
NOT_REQUESTED = _("This request has already been decided.")
NOTE_NEEDED = _("Give the reason for refusing.")
NOT_AWAY = _("Only an approved secondment that has not ended can be extended or ended.")
EXTENSION_PENDING = _("An extension is already waiting for the county's decision.")
EXTENSION_NOT_LATER = _("The new end (%(new_end)s) must be after the end in force (%(end)s).")
RETURN_BEFORE_START = _("The return (%(day)s) cannot be before the secondment started (%(start)s).")
RETURN_IN_FUTURE = _("The return date is after today: record it on the day the person is back.")
MONTHS_LABEL = _("number of months")
MONTHS_TOO_MANY = _("%(months)s months is longer than this county allows for a secondment (at most %(max)s months in all, extensions included).")
