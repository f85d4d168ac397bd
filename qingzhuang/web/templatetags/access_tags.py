"""Templates ask ``qingzhuang.org.access`` before showing a link, so nobody is shown a page they may not open."""

from typing import Any

from django import template

from qingzhuang.org import access

register = template.Library()


@register.simple_tag
def may(user: Any, perm: str, obj: Any = None) -> bool:
    """``{% may user "gate.view_board" as allowed %}``: whether the user holds the permission (on ``obj``)."""
    try:
        return access.can(user, perm, obj)
    except KeyError:  # the app declaring the permission is not installed
        return False
