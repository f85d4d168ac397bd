"""``{% recipient_picker "recipients" units chosen owner_input="f-issuer" %}``: the shared recipient field of
the document and meeting forms (and of the recipient-group page)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from qingzhuang.org import picker

register = template.Library()


def _messages() -> dict[str, str]:
    """The script's words, translated here so the page's language is the script's."""
    return {
        "none": _("No unit chosen yet."),
        "count": _("%(count)s units chosen"),
        "whole": _("%(town)s: all %(count)s %(noun)s"),
        "whole_with": _("%(town)s: all %(count)s %(noun)s, and %(office)s itself"),
        "whole_without": _("%(town)s: all %(count)s %(noun)s, not %(office)s itself"),
        "some": _("%(count)s units of %(town)s"),
        "communities": _("communities"),
        "villages": _("villages"),
        "both": _("communities and villages"),
        "offices": _("town/street offices"),
        "all_kind": _("All %(noun)s (%(count)s)"),
        "remove": _("Remove %(name)s"),
        "matches": _("%(count)s units match “%(q)s”."),
        "no_match": _("No unit matches “%(q)s”. Try the name, full pinyin (xinweilu) or initials (xwl)."),
        "group_used": _("Added the group “%(name)s”: %(count)s units."),
        "group_saved": _("Saved the group “%(name)s” with %(count)s units."),
        "save_failed": _("The group could not be saved. Check your connection and try again."),
        "name_needed": _("Give the group a name first."),
        "pick_first": _("Choose some recipients first, then save them as a group."),
        "whole_label": _("All %(count)s %(noun)s of %(town)s"),
    }


@register.inclusion_tag("org/_recipient_picker.html", takes_context=True)
def recipient_picker(context: template.Context, name: str, units: Any, chosen: Any = (), owner_input: str = "", label: str = "") -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    built = picker.build(user=user, name=name, units=units, chosen=chosen or (), owner_input=owner_input)
    return {"p": built, "messages_json": _messages(), "label": label or _("Recipients"), "csrf_token": context.get("csrf_token")}
