"""Riders and volunteers enrolled with a community (新渭骑士), their status over time, and their hazard reports (隐患上报)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Platform(models.TextChoices):
    ELEME = "eleme", _("Ele.me (饿了么)")
    MEITUAN = "meituan", _("Meituan (美团)")
    OTHER = "other", pgettext_lazy("delivery platform", "Other")


class MemberKind(models.TextChoices):
    RIDER = "rider", _("Rider")
    VOLUNTEER = "volunteer", _("Volunteer")


class Duty(models.TextChoices):
    """The roles a rider takes in the community (the article's four)."""

    SAFETY_PUBLICIST = "safety_publicist", _("Safety publicist (平安宣传员)")
    CARING_HELPER = "caring_helper", _("Caring helper (爱心帮扶员)")
    ROAD_CLEARER = "road_clearer", _("Road clearer (路面清理员)")
    CIVILITY_GUIDE = "civility_guide", _("Civility guide (文明引导员)")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    LEFT = "left", _("Left")


# A member counts towards the community's riders while active or paused; leaving ends the membership.
MEMBER_STATUSES = (MemberStatus.ACTIVE, MemberStatus.PAUSED)


class Rider(models.Model):
    """A rider or volunteer enrolled with the community they serve."""

    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="riders", verbose_name=_("community served"))
    kind = models.CharField(_("kind"), max_length=10, choices=MemberKind.choices, default=MemberKind.RIDER)
    name = models.CharField(pgettext_lazy("rider", "name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=20)
    platform = models.CharField(_("delivery platform"), max_length=10, choices=Platform.choices, blank=True)
    station = models.CharField(_("station"), max_length=100, blank=True)
    duties = models.JSONField(_("roles"), default=list)
    joined_on = models.DateField(_("joined on"))
    title = models.CharField(_("title conferred"), max_length=50, blank=True)
    # The account a rider signs in with, when they have one: their own reports are theirs.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="rider",
                                verbose_name=_("user"))
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rider")
        verbose_name_plural = _("riders")
        ordering = ["community", "joined_on", "id"]
        constraints = [models.UniqueConstraint(fields=["community", "phone"], name="rider_phone_once_per_community")]

    def __str__(self) -> str:
        return self.name


class StatusChange(models.Model):
    """A rider's status from a day on: the history is the record, the current status is its latest row."""

    rider = models.ForeignKey(Rider, on_delete=models.CASCADE, related_name="statuses", verbose_name=_("rider"))
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices)
    since = models.DateField(_("since"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["rider", "since", "id"]
        constraints = [models.UniqueConstraint(fields=["rider", "since"], name="rider_one_status_per_day")]
        indexes = [models.Index(fields=["since"])]

    def __str__(self) -> str:
        return f"{self.rider} {self.status} {self.since}"


class HazardCategory(models.Model):
    """A kind of hazard riders report, in a list each county keeps."""

    county = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="hazard_categories", verbose_name=_("county"))
    name = models.CharField(_("name"), max_length=30)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # The county department answerable for this kind of hazard (消防, 住建, 城管…): it sees the reports of its categories,
    # and a report raised as a case names it.
    department = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("responsible department"))

    class Meta:
        verbose_name = _("hazard category")
        verbose_name_plural = _("hazard categories")
        ordering = ["county", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["county", "name"], name="hazard_category_once_per_county")]

    def __str__(self) -> str:
        return self.name


class CommunityArea(models.Model):
    """A community's boundary (WGS-84 GeoJSON polygon) and centre, for routing a reported point."""

    unit = models.OneToOneField("org.Unit", on_delete=models.CASCADE, related_name="area", verbose_name=_("unit"))
    boundary = models.JSONField(_("boundary"), null=True, blank=True)
    centre_lat = models.FloatField(_("centre latitude"))
    centre_lng = models.FloatField(_("centre longitude"))
    # The boundary's bounding box: a cheap indexed filter before the exact polygon test.
    min_lat = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)
    min_lng = models.FloatField(null=True, blank=True)
    max_lng = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("community area")
        verbose_name_plural = _("community areas")
        indexes = [models.Index(fields=["min_lat", "max_lat"]), models.Index(fields=["centre_lat", "centre_lng"])]

    def __str__(self) -> str:
        return str(self.unit)


class Datum(models.TextChoices):
    WGS84 = "wgs84", _("WGS-84 (GPS, 天地图)")
    GCJ02 = "gcj02", _("GCJ-02 (高德, 腾讯, delivery apps)")


class RoutedBy(models.TextChoices):
    BOUNDARY = "boundary", _("inside the community's boundary")
    NEAREST = "nearest", _("nearest community centre")
    STREET = "street", _("the street office (no community near)")


class HazardStatus(models.TextChoices):
    OPEN = "open", _("Reported")
    CONFIRMED = "confirmed", _("Confirmed")
    FIXED = "fixed", _("Fixed")
    REJECTED = "rejected", _("Rejected as false")


OPEN_STATUSES = (HazardStatus.OPEN, HazardStatus.CONFIRMED)


class HazardReport(models.Model):
    """A hazard a rider saw (隐患上报). The point is stored in WGS-84 whatever datum it arrived in."""

    county = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    category = models.ForeignKey(HazardCategory, on_delete=models.PROTECT, related_name="reports", verbose_name=_("category"))
    description = models.CharField(_("description"), max_length=500)
    lat = models.FloatField(_("latitude (WGS-84)"), null=True, blank=True)
    lng = models.FloatField(_("longitude (WGS-84)"), null=True, blank=True)
    datum = models.CharField(_("coordinates as given in"), max_length=10, choices=Datum.choices, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Where it was routed: the community (or the street office when no community is near) that must act.
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="hazard_reports", verbose_name=_("routed to"))
    routed_by = models.CharField(_("routed by"), max_length=10, choices=RoutedBy.choices)
    status = models.CharField(_("status"), max_length=10, choices=HazardStatus.choices, default=HazardStatus.OPEN, db_index=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hazard_reports", verbose_name=_("reporter"))
    rider = models.ForeignKey(Rider, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports", verbose_name=_("rider"))
    reported_at = models.DateTimeField(pgettext_lazy("hazard", "reported at"))
    # The case this report became (qingzhuang.cases), as "cases.Case:<id>" when the hand-off happened.
    case_ref = models.CharField(_("case"), max_length=40, blank=True)
    # When the community confirmed it and when it was fixed: the time to fix is fixed_at − reported_at.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    fixed_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    # The patrol whose finding this report was (巡查发现), when it came from one.
    patrol = models.ForeignKey("Patrol", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports",
                               verbose_name=_("patrol"))

    class Meta:
        verbose_name = _("hazard report")
        verbose_name_plural = _("hazard reports")
        ordering = ["-reported_at", "-id"]
        indexes = [models.Index(fields=["category", "status", "lat"])]

    def __str__(self) -> str:
        return f"{self.category} · {self.description[:20]}"


class HazardAddition(models.Model):
    """Another rider's "是这个吗？ — yes": a note (and photos) added to an open report instead of a second report."""

    report = models.ForeignKey(HazardReport, on_delete=models.CASCADE, related_name="additions", verbose_name=_("report"))
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reporter"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("addition to a report")
        verbose_name_plural = _("additions to reports")
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} + {self.note[:20]}"


class HazardPhoto(models.Model):
    """A photo as stored: re-encoded from its pixels, orientation applied, no EXIF (no GPS, no device)."""

    report = models.ForeignKey(HazardReport, on_delete=models.CASCADE, related_name="photos", verbose_name=_("report"))
    addition = models.ForeignKey(HazardAddition, on_delete=models.CASCADE, null=True, blank=True, related_name="photos")
    image = models.FileField(_("photo"), upload_to="hazards/%Y/%m/", max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to="hazards/%Y/%m/", max_length=200)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("hazard photo")
        verbose_name_plural = _("hazard photos")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.image.name


class PointsEntry(models.Model):
    """One line of a rider's points ledger (积分): an award for an act, or its taking back. The balance is their sum.

    One line per (rider, act): an act ("hazard_confirmed:12") is awarded once whatever the race, and its take-back
    ("hazard_rejected:12") happens once too.
    """

    rider = models.ForeignKey(Rider, on_delete=models.CASCADE, related_name="points", verbose_name=_("rider"))
    points = models.IntegerField(_("points"))
    act = models.CharField(_("act"), max_length=60)
    reason = models.CharField(_("reason"), max_length=200)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("points entry")
        verbose_name_plural = _("points entries")
        ordering = ["-at", "-id"]
        constraints = [models.UniqueConstraint(fields=["rider", "act"], name="points_once_per_act")]

    def __str__(self) -> str:
        return f"{self.rider} {self.points:+d} {self.act}"


class PatrolStatus(models.TextChoices):
    RECORDED = "recorded", pgettext_lazy("patrol", "Recorded")
    ACCEPTED = "accepted", pgettext_lazy("patrol", "Accepted")
    DECLINED = "declined", pgettext_lazy("patrol", "Declined")


class Patrol(models.Model):
    """A patrol a rider made (巡查): where (an area or a route), from when to when, and what was found."""

    rider = models.ForeignKey(Rider, on_delete=models.PROTECT, related_name="patrols", verbose_name=_("rider"))
    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="rider_patrols", verbose_name=_("community"))
    area = models.CharField(_("area or route"), max_length=200)
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"))
    # The local day it started on, for the ledger's months.
    day = models.DateField(_("day"), db_index=True)
    findings = models.CharField(_("what was found"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PatrolStatus.choices, default=PatrolStatus.RECORDED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("patrol")
        verbose_name_plural = _("patrols")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["community", "day"])]

    def __str__(self) -> str:
        return f"{self.rider} · {self.area[:20]}"


class Publicity(models.Model):
    """Publicity material a rider handed out (宣传): what, how many, where, on which day."""

    rider = models.ForeignKey(Rider, on_delete=models.PROTECT, related_name="publicity", verbose_name=_("rider"))
    community = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="rider_publicity", verbose_name=_("community"))
    material = models.CharField(_("material"), max_length=100)
    count = models.PositiveIntegerField(_("copies handed out"))
    place = models.CharField(_("where"), max_length=200)
    day = models.DateField(_("day handed out"), db_index=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("publicity handed out")
        verbose_name_plural = _("publicity handed out")
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["community", "day"])]

    def __str__(self) -> str:
        return f"{self.material} ×{self.count}"
