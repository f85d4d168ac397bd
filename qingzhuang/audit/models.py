from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Event(models.Model):
    """One state change of a domain object: who, when, what, before and after."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept as text too, so the trail still names the actor after the account is gone.
    actor_name = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=40, db_index=True)
    model = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(pgettext_lazy("audit", "object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200)
    # The unit the object belongs to: decides who may read the event.
    unit = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"
