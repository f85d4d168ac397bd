"""Cases (诉求/问题) a community cannot solve alone, raised to its paired department: 吹哨报到.

The first department to accept a case leads it (首接负责) and brings in co-handlers; every transition is an event.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Source(models.TextChoices):
    COMMUNITY = "community", _("Raised by the community")
    VISIT = "visit", _("Found on a liaison visit")
    BURDEN_REPORT = "burden_report", _("A community's burden report")
    HAZARD_REPORT = "hazard_report", _("A rider's hazard report")


class Category(models.TextChoices):
    FACILITY = "facility", _("Service center and premises")
    INFRASTRUCTURE = "infrastructure", _("Roads, pipes and public facilities")
    PROPERTY = "property", _("Housing and property management")
    ENVIRONMENT = "environment", _("Environment and sanitation")
    SAFETY = "safety", _("Safety hazard")
    SERVICE = "service", _("Services for residents")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    GENERAL = "general", pgettext_lazy("urgency", "General")
    COMPLEX = "complex", _("Complex")


class Status(models.TextChoices):
    RAISED = "raised", _("Raised (waiting for a department)")
    ACCEPTED = "accepted", pgettext_lazy("case status", "Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved (waiting for the callback)")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")
    RETURNED = "returned", _("Returned to the community")
    MERGED = "merged", _("Merged into another case")
    REOPENED = "reopened", _("Reopened")


# The states in which a department works on the case: its clock runs (unless paused).
WORKING = (Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED)
OPEN = (Status.RAISED, *WORKING)
# The states with a lead department; before acceptance nobody leads, and a returned or merged case may have none.
LED = (*WORKING, Status.RESOLVED, Status.CLOSED)


class Case(models.Model):
    county = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+", editable=False)
    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="cases_raised", verbose_name=_("community"))
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), max_length=5000)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.GENERAL)
    location = models.CharField(_("location"), max_length=200, blank=True)
    beyond_power = models.BooleanField(_("beyond the community's power"), default=False)
    beyond_ability = models.BooleanField(_("beyond the community's ability"), default=False)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.COMMUNITY)
    # What it came from: a visit's number, a burden report's or a hazard report's reference.
    source_ref = models.CharField(_("source reference"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RAISED, db_index=True)
    lead = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="cases_led", verbose_name=_("lead department"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    raised_at = models.DateTimeField(_("raised at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_on = models.DateField(null=True, blank=True, db_index=True)  # the local day of resolved_at: the ledger's day
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    respond_due = models.DateTimeField(_("respond by"), null=True, blank=True)
    resolve_due = models.DateTimeField(_("resolve by"), null=True, blank=True)
    # Years without calendar data a deadline was computed across ("2027"): the deadline is shown unconfirmed.
    due_missing_years = models.CharField(max_length=50, blank=True)
    paused_at = models.DateTimeField(_("paused since"), null=True, blank=True)
    pause_reason = models.CharField(_("pause reason"), max_length=500, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    return_reason = models.TextField(_("return reason"), max_length=2000, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_cases", verbose_name=_("duplicate of"))

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-raised_at", "-id"]
        constraints = [
            # Accepted, worked on, resolved or closed: always a lead (the single column holds at most one).
            models.CheckConstraint(condition=Q(lead__isnull=False) | Q(status__in=(Status.RAISED, Status.RETURNED, Status.MERGED)), name="case_led_has_lead"),
            models.CheckConstraint(condition=Q(merged_into__isnull=True) | Q(status=Status.MERGED), name="case_merged_has_status"),
        ]
        indexes = [models.Index(fields=["county", "status"]), models.Index(fields=["lead", "status"])]

    def __str__(self) -> str:
        return self.title


class Recipient(models.Model):
    """A department (or, with none paired, the street office) the whistle was blown to."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recipients")
    department = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "department"], name="case_recipient_once")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.department_id}"


class HandlerRole(models.TextChoices):
    LEAD = "lead", _("Lead (首接负责)")
    CO = "co", _("Co-handler")


class Handler(models.Model):
    """A party working on the case: the lead department, or a co-handler (a department, the street office, or an outside party)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handlers")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="case_handlings", verbose_name=_("unit"))
    party_name = models.CharField(_("outside party"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=4, choices=HandlerRole.choices)
    part = models.CharField(_("their part"), max_length=500, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["role", "added_at", "id"]
        constraints = [
            # Exactly one lead: a second lead row cannot be written, whatever the race.
            models.UniqueConstraint(fields=["case"], condition=Q(role="lead"), name="case_one_lead"),
            models.UniqueConstraint(fields=["case", "unit"], condition=Q(unit__isnull=False), name="case_handler_unit_once"),
            models.CheckConstraint(condition=Q(unit__isnull=False) | ~Q(party_name=""), name="case_handler_named"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.unit.name if self.unit_id and self.unit else self.party_name


class EventKind(models.TextChoices):
    RAISED = "raised", _("Raised")
    RAISED_AGAIN = "raised_again", _("Raised again")
    ACCEPTED = "accepted", _("Accepted (leads it)")
    RETURNED = "returned", pgettext_lazy("case event", "Returned")
    HANDLER_ADDED = "handler_added", _("Co-handler brought in")
    STARTED = "started", _("Work started")
    PAUSED = "paused", _("Clock paused")
    RESUMED = "resumed", _("Clock running again")
    MEETING = "meeting", _("Coordination meeting held")
    NOTE = "note", _("Note")
    RESOLVED = "resolved", _("Resolved")
    CALLBACK = "callback", _("Callback (回访)")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")
    MERGED = "merged", _("Merged as a duplicate")
    ESCALATED = "escalated", _("Overdue: escalated to the department's leader")
    PHOTOS = "photos", _("Photos added")


class Event(models.Model):
    """One step of the case's timeline: who, when, what, and a note; the community sees them all."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor_unit = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(db_index=True)
    note = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class MeetingKind(models.TextChoices):
    SYMPOSIUM = "symposium", _("Symposium (座谈会)")
    ONSITE = "onsite", _("On-site meeting (现场碰头会)")


class CaseMeeting(models.Model):
    """A coordination meeting on the case: a help to the community, never a meeting taken from the quota."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.TextField(_("participants"), max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.held_on}"


class Decision(models.Model):
    meeting = models.ForeignKey(CaseMeeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("decision"), max_length=500)
    owner = models.CharField(_("owner"), max_length=100)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.owner}：{self.text}"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


SATISFIED_RATINGS = (Rating.SATISFIED, Rating.BASIC)


class Callback(models.Model):
    """The community's rating after a resolution (回访); dissatisfied for the handler's reasons reopens the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="callbacks")
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices)
    handler_side = models.BooleanField(_("for reasons on the handlers' side"), default=False)
    comment = models.TextField(_("opinion"), max_length=2000, blank=True)
    lead = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")  # who led when it was rated
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.rating}"


class CasePhoto(models.Model):
    """A photo attached to a case: re-encoded from its pixels, orientation applied, no EXIF (no GPS, no device); served
    only to those who may see the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="photos", verbose_name=_("case"))
    image = models.FileField(_("photo"), upload_to="cases/%Y/%m/", max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to="cases/%Y/%m/", max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    added_by_unit = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        verbose_name = _("case photo")
        verbose_name_plural = _("case photos")
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.sha256[:8]}"
