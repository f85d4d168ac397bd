"""Party-mass service centers (党群服务中心): a community's center, its spaces, services, slots and bookings."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Center(models.Model):
    """A community's party-mass service center; ``code`` names its public page (/c/<code>/)."""

    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="centers", verbose_name=_("community"))
    name = models.CharField(_("center name"), max_length=100)
    code = models.SlugField(_("public page code"), max_length=40, unique=True)
    address = models.CharField(_("address"), max_length=200)
    phone = models.CharField(_("center telephone"), max_length=30, blank=True)
    # Public holidays from the shared working-day calendar close the center unless it opens on them.
    closed_on_holidays = models.BooleanField(_("closed on public holidays"), default=True)
    is_active = models.BooleanField(_("open to the public"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service center")
        verbose_name_plural = _("service centers")
        ordering = ["community__path", "name"]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    """The hours a center opens on one weekday (0 Monday … 6 Sunday); a weekday without a row is a closed day."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="hours", verbose_name=_("service center"))
    weekday = models.PositiveSmallIntegerField(_("weekday"))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["center", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["center", "weekday"], name="center_hours_once_a_weekday"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="center_hours_weekday_0_6"),
            models.CheckConstraint(condition=Q(opens__lt=F("closes")), name="center_hours_open_before_close"),
        ]

    def __str__(self) -> str:
        return f"{self.center} {self.weekday} {self.opens:%H:%M}–{self.closes:%H:%M}"


class SpaceUse(models.TextChoices):
    RESIDENTS = "residents", _("Serves residents")
    OFFICE = "office", _("Office")


class Space(models.Model):
    """A room or area of a center; its area and use give the share of the center serving residents."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="spaces", verbose_name=_("service center"))
    name = models.CharField(_("space"), max_length=100)
    function = models.CharField(_("function"), max_length=200)
    area = models.DecimalField(_("area (m²)"), max_digits=7, decimal_places=1)
    use = models.CharField(_("use"), max_length=10, choices=SpaceUse.choices)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["center", "use", "name"]
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="center_space_name_once"),
            models.CheckConstraint(condition=Q(area__gt=0), name="center_space_area_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.center} · {self.name}"


class ServiceKind(models.TextChoices):
    CHILD_CARE = "child_care", _("Child care (托育)")
    HEALTH = "health", _("Health (健康服务)")
    MEALS = "meals", _("Community meals (助餐/长者食堂)")
    DAY_CARE = "day_care", _("Elderly day care (日间照料)")
    OTHER = "other", _("Other service")


class Service(models.Model):
    """A service given in a space, booked by time slot; ``capacity`` is the seats of a new slot."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="services", verbose_name=_("service center"))
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="services", verbose_name=_("space"))
    name = models.CharField(_("service"), max_length=100)
    kind = models.CharField(_("kind of service"), max_length=12, choices=ServiceKind.choices)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats per slot"))
    is_active = models.BooleanField(_("bookable"), default=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["center", "name"]
        constraints = [models.UniqueConstraint(fields=["center", "name"], name="center_service_name_once")]

    def __str__(self) -> str:
        return self.name


class SlotPattern(models.Model):
    """A weekly slot of a service (every Tuesday 09:00–10:00); slots for real days are generated from these."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="patterns", verbose_name=_("service"))
    weekday = models.PositiveSmallIntegerField(_("weekday"))
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))

    class Meta:
        verbose_name = _("weekly slot")
        verbose_name_plural = _("weekly slots")
        ordering = ["service", "weekday", "starts"]
        constraints = [
            models.UniqueConstraint(fields=["service", "weekday", "starts"], name="center_pattern_once"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="center_pattern_weekday_0_6"),
            models.CheckConstraint(condition=Q(starts__lt=F("ends")), name="center_pattern_starts_before_end"),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.weekday} {self.starts:%H:%M}"


class Slot(models.Model):
    """A service's time slot on a day with its seats; ``booked`` counts the bookings holding a seat."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="slots", verbose_name=_("service"))
    day = models.DateField(_("day"), db_index=True)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    seats = models.PositiveSmallIntegerField(_("seats"))
    booked = models.PositiveSmallIntegerField(_("seats taken"), default=0)

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["day", "starts", "service"]
        constraints = [
            models.UniqueConstraint(fields=["service", "day", "starts"], name="center_slot_once"),
            # The last seat is taken once: the database itself refuses a count past the seats.
            models.CheckConstraint(condition=Q(booked__lte=F("seats")), name="center_slot_never_overbooked"),
            models.CheckConstraint(condition=Q(starts__lt=F("ends")), name="center_slot_starts_before_end"),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.day} {self.starts:%H:%M}"

    @property
    def free(self) -> int:
        return max(self.seats - self.booked, 0)


class BookingStatus(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("booking status", "Booked")
    CHECKED_IN = "checked_in", pgettext_lazy("booking status", "Checked in")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")


HOLDING = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN)


class Channel(models.TextChoices):
    PUBLIC = "public", _("Public page")
    STAFF = "staff", _("Staff on the resident's behalf")


class Booking(models.Model):
    """A resident's seat in a slot: only a name and, when they have one, a phone (PIPL: nothing more)."""

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("time slot"))
    name = models.CharField(pgettext_lazy("person", "name"), max_length=40)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    code = models.CharField(_("booking code"), max_length=8, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED, db_index=True)
    channel = models.CharField(_("booked through"), max_length=10, choices=Channel.choices)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["slot", "created_at", "id"]
        constraints = [
            # One seat per phone in a slot.
            models.UniqueConstraint(fields=["slot", "phone"], condition=Q(status__in=["booked", "checked_in"]) & ~Q(phone=""),
                                    name="center_booking_phone_once_a_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.slot} · {self.code}"


class PublicTry(models.Model):
    """Tries on the public pages from one client address in one window, counted in the database when no Redis cache is
    configured: Django's default local-memory cache is per process, so each worker would count its own tries."""

    address = models.CharField(max_length=64)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["address", "window"], name="center_public_try_once_a_window")]
        indexes = [models.Index(fields=["window"])]

    def __str__(self) -> str:
        return f"{self.address} × {self.count}"
