"""Government apps, mini-programs, public accounts and work groups imposed on grassroots units (指尖上的形式主义).

An entry is one app, mini-program, account or work group run by an upper-level unit; a requirement says that a
grassroots unit must use it from a day until a day. Entries are closed, or merged into a successor (整治).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppKind(models.TextChoices):
    APP = "app", _("App (APP)")
    MINI_PROGRAM = "mini_program", _("Mini-program (小程序)")
    ACCOUNT = "account", _("Public account (公众号/账号)")
    GROUP = "group", _("Work group (工作群)")


# Kinds that 2024 national rules require to be filed (备案) before they are pushed to the grassroots.
FILED_KINDS = (AppKind.APP, AppKind.MINI_PROGRAM)


class Platform(models.TextChoices):
    WECHAT = "wechat", _("WeChat")
    DINGTALK = "dingtalk", _("DingTalk")
    OTHER = "other", pgettext_lazy("platform", "Other")


class FilingStatus(models.TextChoices):
    NOT_FILED = "not_filed", _("Not filed")
    FILED = "filed", _("Filed")
    REFUSED = "refused", _("Filing refused")


class EntryStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("app status", "Active")
    CLOSED = "closed", pgettext_lazy("app status", "Closed")
    MERGED = "merged", pgettext_lazy("app status", "Merged into another")


class Practice(models.TextChoices):
    """Practices the 2024 national rules forbid to demand of the grassroots through apps and groups."""

    CHECK_IN = "check_in", _("Check-ins (打卡)")
    RANKING = "ranking", _("Point rankings (积分排名)")
    ONLINE_TIME = "online_time", _("Online-time requirements (在线时长)")
    FORCED_INSTALL = "forced_install", _("Forced installs or downloads (强制下载安装)")
    LIKES_ASSESSED = "likes_assessed", _("Likes and shares as assessment (点赞转发作为考核)")


class Entry(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(pgettext_lazy("govapp", "kind"), max_length=15, choices=AppKind.choices)
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices, blank=True)
    owner = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="govapps_owned", verbose_name=pgettext_lazy("govapp", "owning unit"))
    purpose = models.CharField(pgettext_lazy("govapp", "purpose"), max_length=300)
    description = models.TextField(_("what it asks of the grassroots"), max_length=5000, blank=True)
    # Banned practices it imposes, as declared or found (stored as flags; the description is also scanned).
    check_in = models.BooleanField(Practice.CHECK_IN.label, default=False)
    ranking = models.BooleanField(Practice.RANKING.label, default=False)
    online_time = models.BooleanField(Practice.ONLINE_TIME.label, default=False)
    forced_install = models.BooleanField(Practice.FORCED_INSTALL.label, default=False)
    likes_assessed = models.BooleanField(Practice.LIKES_ASSESSED.label, default=False)
    filing_status = models.CharField(_("filing (备案)"), max_length=10, choices=FilingStatus.choices, default=FilingStatus.NOT_FILED)
    filing_number = models.CharField(_("filing number"), max_length=60, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.ACTIVE, db_index=True)
    # Found in place by the county office's survey (整治), not registered through the gate.
    found_in_survey = models.BooleanField(_("found in the survey"), default=False)
    registered_on = models.DateField(_("registered on"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    ended_on = models.DateField(_("closed or merged on"), null=True, blank=True, db_index=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from",
                                    verbose_name=pgettext_lazy("govapp", "merged into"))
    end_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("app or work group")
        verbose_name_plural = _("apps and work groups")
        ordering = ["owner__path", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def practices(self) -> list[str]:
        return [p.value for p in Practice if getattr(self, p.value)]

    @property
    def practice_labels(self) -> list[str]:
        return [str(p.label) for p in Practice if getattr(self, p.value)]


class Requirement(models.Model):
    """A grassroots unit must use an entry from ``since`` until the day before ``until`` (open while ``until`` is empty)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("app or work group"))
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="govapps_required", verbose_name=_("grassroots unit"))
    since = models.DateField(_("required since"))
    until = models.DateField(_("required until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("requirement to use")
        verbose_name_plural = _("requirements to use")
        ordering = ["unit__path", "-since", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                                              name="govapp_requirement_ordered")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.entry}"
