"""Messages of the jobs domain."""

from django.utils.translation import gettext_lazy as _

JOB_FAILED = _(
    "The job stopped because of an unexpected error (%(error)s). The administrator can find the details in the server log."
)
JOB_DENIED = _("The job was refused: it reaches outside your scope.")
JOB_INTERRUPTED = _(
    "The job was interrupted: the server process running it stopped (a restart or a crash). Start it again."
)
JOB_NEVER_STARTED = _("The job never started: the server restarted before it could run. Start it again.")
