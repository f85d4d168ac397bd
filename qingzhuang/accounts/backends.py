"""Django's ModelBackend, with the user of a signed-in request read by one prepared SELECT (see accounts.rows)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router

from qingzhuang.accounts.rows import row_get


class UserBackend(ModelBackend):
    """Passwords and ``is_active`` as Django checks them; ``get_user``, run on every signed-in request, without
    the ORM's query building. Nothing is cached: a deactivated user or a changed password takes effect on the
    next request, as before."""

    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)  # type: ignore[union-attr]
        except (TypeError, ValueError, ValidationError):
            return None
        alias = router.db_for_read(model)
        if isinstance(pk, int):
            low, high = connections[alias].ops.integer_field_range(model._meta.pk.get_internal_type())  # type: ignore[union-attr]
            if (low is not None and pk < low) or (high is not None and pk > high):
                return None  # as the ORM answers an out-of-range id: no such user
        user = row_get(model, alias, [(model._meta.pk.name, pk)])  # type: ignore[union-attr]
        return user if user is not None and self.user_can_authenticate(user) else None
