from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class TeamsError(DomainError):
    status = 400


DATE_INVALID = _("Give a date such as 2026-12-01.")
DATE_OUT_OF_RANGE = _("Give a date between the years 2000 and 2099.")
NOT_A_COMMUNITY = _("People are attached to a community or a village of the same county.")
UNTIL_BEFORE_SINCE = _("The end of the attachment (%(until)s) is before its start (%(since)s).")
ALREADY_ATTACHED = _("%(name)s is already attached to %(community)s in those days.")
HOURS_INVALID = _("Give the hours per person as a number such as 2 or 2.5, more than 0 and at most 24.")
NO_PARTICIPANTS = _("Choose at least one participant.")
NOT_ATTACHED = _("%(name)s is not attached to %(community)s on %(day)s: attach them first.")
NOT_OF_THE_COUNTY = _("This person is not on a roster of the community's county.")
NOT_ASKED = _("This request has already been answered.")
ANSWER_NEEDED = _("Give the reason for declining.")
NOT_ON_ROSTER = _("This person is no longer on the roster.")
CASE_LABEL = _("case number")
PHONE_INVALID = _("Give the mobile phone as digits, such as 13912345678.")
CASE_UNKNOWN = _("%(community)s has raised no case number %(number)s.")
NOT_ACCEPTED = _("Only an accepted request can be recorded as done.")
DAY_IN_FUTURE = _("The help cannot be recorded as given on a day still to come (%(day)s).")
NO_UNIT = _("Choose a unit you keep the roster of.")
