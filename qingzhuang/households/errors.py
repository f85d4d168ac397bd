from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class HouseholdError(DomainError):
    status = 400


NOT_COMMUNITY = _("Vulnerable households are kept by a community or a village.")
KIND_NEEDED = _("Choose at least one kind of need.")
PHONE_INVALID = _("Give the phone as digits: a mobile such as 13912345678 or a landline such as 0917-3216688.")
ID_INVALID = _("The ID number is not valid: 18 characters, the last a digit or X, whose check digit (GB 11643) must match. Leave it empty if unknown.")
DATE_INVALID = _("Give a date such as 2026-12-01.")
DATE_IN_FUTURE = _("The date is after today.")
DATE_TOO_EARLY = _("The date is before 2000.")
STATUS_BEFORE_CONSENT = _("The status cannot date from before the consent (%(day)s).")
NOT_ACTIVE = _("This household no longer receives help (%(status)s): it cannot be paired or helped.")
RIDER_ELSEWHERE = _("Pair riders and volunteers of the household's own community (%(community)s).")
RIDER_NOT_MEMBER = _("%(name)s is not an active member of the community on %(day)s.")
ALREADY_PAIRED = _("%(name)s is already paired with this household in those days.")
UNTIL_BEFORE_SINCE = _("The end of the pairing (%(until)s) is before its start (%(since)s).")
PAIRING_ENDED = _("This pairing has already ended.")
NOT_PAIRED = _("Only a rider paired with this household on %(day)s records help for it.")
NOT_A_RIDER = _("Your account is not enrolled as a rider or volunteer of a community.")
MINUTES_INVALID = _("Give the duration in minutes, a whole number from 1 to 1,440.")
HELP_DECIDED = _("This help has already been %(status)s.")
REASON_NEEDED = _("Give the reason.")
REASON_LABEL = _("reason")
