"""The service centers' error codes and messages, shared by pages and tests."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class CenterError(DomainError):
    status = 400


class SlotFull(CenterError):
    """The slot's last seat is gone; ``next_slot`` is the service's next slot with a free seat, which the page offers."""

    status = 409

    def __init__(self, code: str, message: Any, field: str | None = None, next_slot: Any = None) -> None:
        super().__init__(code, message, field)
        self.next_slot = next_slot


NOT_COMMUNITY = _("A service center belongs to a community or a village.")
CODE_INVALID = _("The public page code is 2 to 40 small letters, digits or hyphens (for example caochangpo).")
CODE_TAKEN = _("Another center already uses the public page code “%(code)s”.")
NAME_TAKEN = _("This center already has a %(what)s named “%(name)s”.")
AREA_INVALID = _("Give the area in square metres as a number above 0 and below 100,000, with at most one decimal (for example 120.5).")
SPACE_IN_USE = _("The space still has services: move or remove them first.")
SPACE_UNKNOWN = _("Choose a space of this center.")
TIME_INVALID = _("Give a time such as 09:00.")
TIMES_REVERSED = _("The end time must be after the start time.")
WEEKDAY_INVALID = _("Choose a weekday.")
DATE_INVALID = _("Give a date such as 2026-12-01.")
DAYS_READ = _("Ask for the slots of 1 to %(max)s days.")
DAYS_RANGE = _("Slots are generated for 1 to %(max)s days at a time.")
SLOT_PAST = _("This time slot has already begun; choose a later one.")
SLOT_CLOSED = _("This service is not taking bookings.")
SLOT_FULL = _("Sorry, this time slot is fully booked (all %(seats)s seats are taken).")
SLOT_FULL_NEXT = _("Sorry, this time slot is fully booked. The next time with a free seat is %(when)s.")
SLOT_FULL_NONE = _("Sorry, this time slot is fully booked, and there is no other free time in the coming days. Please call the center.")
PHONE_INVALID = _("Give an 11-digit mobile number starting with 1 (for example 139 1234 5678).")
PHONE_NEEDED = _("Give a mobile number: we need it to find your booking.")
PHONE_TWICE = _("This phone number has already booked this time slot (booking code %(code)s).")
TOO_MANY_UPCOMING = _("This phone number already has %(count)s upcoming bookings at this center; cancel one before booking another.")
CODE_NOT_FOUND = _("No booking matches this code and phone number. Check the 8 digits of the code and the last four digits of the phone.")
NOT_CANCELLABLE = _("This booking can no longer be cancelled (it is %(status)s).")
NOT_CHECKABLE = _("Only a booking for today that is still booked can be checked in.")
SLOT_HAS_BOOKINGS = _("The slot already has %(booked)s bookings; it cannot have fewer seats than that.")
TOO_MANY_REQUESTS = _("Too many tries from this network in a short time. Please wait %(minutes)s minutes, or call the center.")
UNKNOWN_ACTION = _("The page sent an action it does not know; reload the page and try again.")
