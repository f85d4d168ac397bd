"""Messages of the jobs domain."""

from django.utils.translation import gettext_lazy as _

JOB_FAILED = _(
    "The job stopped because of an unexpected error (%(error)s). The administrator can find the details in the server log."
)
JOB_DENIED = _("The job was refused: it reaches outside your scope.")
