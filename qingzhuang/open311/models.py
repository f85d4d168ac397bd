"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the keys the county office issues to the apps that file
riders' hazard reports, and what such a report carried beyond the hazard report itself."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

KEY_PREFIX = "o311_"


class ApiKey(models.Model):
    """An Open311 api_key: it belongs to an account of one county (whose reports it files and reads, within that
    account's own scope). Only its hash is stored; the key itself is shown once, when issued."""

    county = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="open311_keys",
                               verbose_name=_("account"))
    name = models.CharField(pgettext_lazy("open311 key", "used by"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 key")
        verbose_name_plural = _("Open311 keys")
        ordering = ["county", "-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Submission(models.Model):
    """What an Open311 client sent with a hazard report beyond the report itself. The media URL is kept as a reference
    and never fetched (an offline network; a server that fetched URLs given by clients could be made to reach inside
    it). The submitter's contact details are kept for the community's callback and never appear in GET requests."""

    report = models.OneToOneField("riders.HazardReport", on_delete=models.CASCADE, related_name="open311",
                                  verbose_name=_("hazard report"))
    key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("Open311 key"))
    token = models.CharField(max_length=40, unique=True)
    media_url = models.CharField(_("media URL"), max_length=500, blank=True)
    address_id = models.CharField(_("address ID"), max_length=100, blank=True)
    device_id = models.CharField(_("device ID"), max_length=100, blank=True)
    account_id = models.CharField(_("account ID"), max_length=100, blank=True)
    email = models.CharField(_("email"), max_length=254, blank=True)
    first_name = models.CharField(_("given name"), max_length=50, blank=True)
    last_name = models.CharField(_("family name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 submission")
        verbose_name_plural = _("Open311 submissions")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report_id} ← {self.key_id}"
