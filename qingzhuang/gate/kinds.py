"""The kinds of counted items a quota can be for, with their names for people."""

from typing import Any

from django.utils.translation import gettext_lazy as _

QUOTA_KINDS: dict[str, Any] = {
    "documents": _("documents"),
    "meeting": _("meetings"),  # the meetings app counts its quota under "meeting"
}


def kind_label(kind: str) -> str:
    return str(QUOTA_KINDS.get(kind, kind))
