"""The kinds of counted items a quota can be for, with their names for people."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

QUOTA_KINDS: dict[str, Any] = {
    "documents": pgettext_lazy("quota kind", "documents"),
    "meeting": _("meetings"),  # the meetings app counts its quota under "meeting"
    "inspection": _("supervisions, inspections and assessments"),  # per lead department (督检考年控)
}

# County-wide caps, kept as quotas of the county office (not a column of every unit's quota grid).
COUNTY_QUOTA_KINDS: dict[str, Any] = {
    "inspection.supervision": _("supervisions (county total)"),
    "inspection.inspection": _("inspections (county total)"),
    "inspection.assessment": _("assessments (county total)"),
    "inspection.grassroots_assess": _("assessments of grassroots units (county total)"),
}


def kind_label(kind: str) -> str:
    return str(QUOTA_KINDS.get(kind) or COUNTY_QUOTA_KINDS.get(kind, kind))
