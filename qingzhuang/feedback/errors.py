from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class FeedbackError(DomainError):
    status = 400


NOT_RECEIVED = _("This unit did not receive that item.")
NOT_GRASSROOTS = _("Only a community or a village signs for items and reports problems.")
KIND_UNKNOWN = _("Choose what kind of problem it is.")
TEXT_BLANK = _("Say what the problem is.")
TEXT_TOO_LONG = _("Keep it within %(limit)s characters.")
REPLY_BLANK = _("Write a reply to the community.")
DECISION_UNKNOWN = _("Accept or reject the report.")
ALREADY_ANSWERED = _("This report has already been answered.")
ALREADY_CASE = _("This report is already case %(case)s.")
