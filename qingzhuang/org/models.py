"""Regions (GB/T 2260 tree), units, people, users and their scoped roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegionLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    CITY = 2, _("City")
    COUNTY = 3, _("County")
    TOWN = 4, _("Town/street")
    VILLAGE = 5, _("Village/community")


class Region(models.Model):
    """A place in the administrative tree. Codes: 6 digits to county (GB/T 2260), 9 for towns, 12 for villages."""

    code = models.CharField(_("code"), max_length=12, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    # Materialised path of ids, "/1/35/400/": a subtree is one indexed prefix query on both databases.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    pinyin = models.CharField(max_length=400, db_index=True, editable=False)
    initials = models.CharField(max_length=100, db_index=True, editable=False)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code", "name"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Region]:
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        by_id = Region.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


class UnitKind(models.TextChoices):
    PARTY_GOV_OFFICE = "office", _("Party/government office")
    DEPARTMENT = "department", _("Department")
    TOWN_OFFICE = "town", _("Town/street office")
    COMMUNITY = "community", _("Community")
    VILLAGE = "village", _("Village")


GRASSROOTS_KINDS = (UnitKind.TOWN_OFFICE, UnitKind.COMMUNITY, UnitKind.VILLAGE)


class Unit(models.Model):
    """An organisation (单位) that sits in a region and may have units below it."""

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="units", verbose_name=_("region"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent unit")
    )
    # The county this unit belongs to (null above county level): the wall between counties.
    county = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="county_units", editable=False
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    pinyin = models.CharField(max_length=400, db_index=True, editable=False)
    initials = models.CharField(max_length=100, db_index=True, editable=False)
    is_active = models.BooleanField(pgettext_lazy("unit", "active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unit_unique_name_in_region")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS

    def ancestors(self) -> list[Unit]:
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        by_id = Unit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


class CommunityProfile(models.Model):
    """A community's or village's size for a period: the capacity its burden is measured against."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="profiles", verbose_name=_("unit"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"))
    residents = models.PositiveIntegerField(_("residents"))
    staff = models.PositiveIntegerField(_("staff"))

    class Meta:
        verbose_name = _("community profile")
        verbose_name_plural = _("community profiles")
        ordering = ["unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="profile_one_per_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="profile_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.valid_from}"


class PersonKind(models.TextChoices):
    CADRE = "cadre", _("Cadre")
    COMMUNITY_WORKER = "community_worker", _("Community worker")
    PARTY_MEMBER = "party_member", _("Party member")
    VOLUNTEER = "volunteer", _("Volunteer")
    RIDER = "rider", _("Rider")


class Person(models.Model):
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=PersonKind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people", verbose_name=_("unit"))
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    id_number = models.CharField(_("ID card number"), max_length=18, blank=True)
    position = models.CharField(_("position"), max_length=50, blank=True)
    pinyin = models.CharField(max_length=200, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["unit", "name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    person = models.OneToOneField(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="user", verbose_name=_("person")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=[("zh-hans", "简体中文"), ("en", "English")], default="zh-hans"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        return self.person.name if self.person else (self.get_full_name() or self.username)


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    COUNTY_REVIEWER = "county_reviewer", _("County office reviewer")
    DEPARTMENT_CLERK = "department_clerk", _("Department clerk")
    DEPARTMENT_LEADER = "department_leader", _("Department leader")
    STREET_OFFICER = "street_officer", _("Street/town officer")
    COMMUNITY_SECRETARY = "community_secretary", _("Community secretary")
    COMMUNITY_WORKER = "community_worker", _("Community worker")
    RIDER = "rider", _("Rider")
    VOLUNTEER = "volunteer", _("Volunteer")


class RoleAssignment(models.Model):
    """A user acts in a role for a unit, and with include_below for the units under it too."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("unit"))
    include_below = models.BooleanField(_("includes units below"), default=False)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"], name="role_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class RecipientGroup(models.Model):
    """A named, saved set of recipient units (城区社区), owned by a unit and shared by its staff."""

    owner = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="recipient_groups", verbose_name=_("owning unit"))
    name = models.CharField(_("group name"), max_length=50)
    members = models.ManyToManyField(Unit, related_name="in_recipient_groups", verbose_name=_("members"))
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("recipient group")
        verbose_name_plural = _("recipient groups")
        ordering = ["owner", "name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="recipient_group_name_once_per_owner")]

    def __str__(self) -> str:
        return self.name
