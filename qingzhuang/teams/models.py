"""The four teams (四支队伍, 三联一进): the people a community can call on, where each is attached (进社区), the
activities they join with the hours given, and the help a community asks of them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Team(models.TextChoices):
    LEADING_CADRE = "leading_cadre", _("Leading cadres (领导干部)")
    DEPARTMENT_CADRE = "department_cadre", _("Department cadres (部门干部)")
    COMMUNITY_WORKER = "community_worker", _("Community workers (社区工作者)")
    VOLUNTEER = "volunteer", _("Party members and volunteers (党员·志愿者)")


class Member(models.Model):
    """A person on one of the four teams' rosters, kept by the person's own unit (which answers help requests)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="team_members", verbose_name=_("the person's unit"))
    person = models.ForeignKey("org.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="team_memberships",
                               verbose_name=_("person on the roll"))
    team = models.CharField(_("team"), max_length=20, choices=Team.choices, db_index=True)
    name = models.CharField(pgettext_lazy("teams", "name of the person"), max_length=50)
    position = models.CharField(_("post"), max_length=50, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    skills = models.CharField(_("skills (what they can help with)"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    is_active = models.BooleanField(_("on the roster"), default=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = pgettext_lazy("teams", "team members")
        ordering = ["team", "unit", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"


class Attachment(models.Model):
    """A member attached to a community or village (进社区) from a day, until a day or for now."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("team member"))
    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="team_attachments", verbose_name=_("community"))
    since = models.DateField(_("attached since"))
    until = models.DateField(_("attached until"), null=True, blank=True)

    class Meta:
        verbose_name = _("attachment to a community")
        verbose_name_plural = _("attachments to communities")
        ordering = ["community", "since", "id"]
        constraints = [models.CheckConstraint(condition=Q(until__isnull=True) | Q(until__gte=F("since")), name="team_attachment_ordered")]

    def __str__(self) -> str:
        return f"{self.member} → {self.community}"


class Activity(models.Model):
    """An activity in a community on a day, with the hours each participant gave (the same for all of them)."""

    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="team_activities", verbose_name=_("community"))
    day = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("activity"), max_length=100)
    hours = models.DecimalField(_("hours per person"), max_digits=4, decimal_places=1)
    participants = models.ManyToManyField(Member, related_name="activities", verbose_name=pgettext_lazy("team activity", "participants"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("team activity")
        verbose_name_plural = _("team activities")
        ordering = ["-day", "-id"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="team_activity_hours_in_a_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.title}"


class HelpStatus(models.TextChoices):
    ASKED = "asked", _("Asked, waiting for the person's unit")
    ACCEPTED = "accepted", pgettext_lazy("help request", "Accepted")
    DECLINED = "declined", _("Declined")
    DONE = "done", _("Done, hours recorded")


class HelpRequest(models.Model):
    """A community asks a member it can call on for help with something on a day, on one of its cases (吹哨报到) or not;
    the member's unit accepts or declines."""

    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="help_requests", verbose_name=_("community"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="help_requests", verbose_name=_("team member"))
    what = models.TextField(_("what the help is for"), max_length=2000)
    needed_on = models.DateField(_("needed on"))
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="help_requests",
                             verbose_name=_("case number"))
    status = models.CharField(_("status"), max_length=10, choices=HelpStatus.choices, default=HelpStatus.ASKED, db_index=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    asked_on = models.DateField(_("asked on"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer = models.TextField(pgettext_lazy("help request", "answer"), max_length=2000, blank=True)
    # The help given, once done: an activity in the community with the person's hours (the only place hours are counted).
    activity = models.OneToOneField(Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="help_request",
                                    verbose_name=_("activity recorded"))

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-asked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.community} → {self.member}"
