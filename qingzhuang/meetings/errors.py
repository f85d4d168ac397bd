"""The meetings' error codes, shared by the pages and the API (tests import the messages)."""

from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class MeetingError(DomainError):
    """A request that conflicts with the meeting's state or with the gate."""

    status = 409


class MeetingInvalid(DomainError):
    status = 400


WRONG_STATE = _("This cannot be done to a meeting that is %(status)s.")
GATE_BLOCKED = _("The gate blocks this meeting: %(rules)s. Return it to the organiser or reject it.")
REASON_REQUIRED = _("Give a reason: the organiser reads it.")
NOT_HELD_YET = _("The meeting has not started yet: it can be closed once it has been held.")
MINUTES_POSITIVE = _("The length must be at least one minute.")
ATTENDEE_OUTSIDE_COUNTY = _("Attending units must belong to the organiser's county.")
PLAN_LINE_OTHER_UNIT = _("The plan line belongs to another unit's plan.")
FOLLOWS_ITSELF = _("A meeting cannot follow itself.")
ONE_MAIN_SPEECH = _("Mark at most one speech as the main speech.")
ATTENDANCE_NOT_SUMMONED = _("Attendance can only be recorded for the units the meeting summoned.")
DECISION_TEXT_REQUIRED = _("Write what was decided.")
PLAN_EXISTS = _("This unit already has a plan for %(year)s.")
ATTENDEE_INACTIVE = _("%(units)s has been deactivated and can no longer be summoned to meetings. Remove it from the attending units.")
