from typing import Any

from django.http import HttpRequest

from qingzhuang.lib.admin import admin_site_has_permission
from qingzhuang.org import access
from qingzhuang.web.navigation import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_items": nav_for(user, request.path), "is_system_admin": access.is_system_admin(user), "can_admin": admin_site_has_permission(request)}
