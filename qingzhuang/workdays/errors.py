from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class CalendarError(DomainError):
    status = 400


YEAR_RANGE = _("The year must be between %(min)s and %(max)s.")
LINE_NOT_A_DAY = _("Line %(line)s: “%(value)s” is not a date such as 2027-01-01.")
DAY_OUTSIDE_YEAR = _("Line %(line)s: %(day)s is not in %(year)s.")
WORKDAY_NOT_WEEKEND = _("Line %(line)s: %(day)s is a weekday; only a Saturday or Sunday can be declared a working day (调休).")
DAY_TWICE = _("%(day)s is listed twice.")
NO_HOLIDAYS = _("List the year's public holidays: a schedule without any is not a State Council schedule.")
TOO_MANY_LINES = _("At most %(max)s lines.")
