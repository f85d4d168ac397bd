"""Session engines that read the session row with one prepared SELECT instead of the ORM (see accounts.rows).

SESSION_ENGINE = ``qingzhuang.accounts.sessions.db`` (sessions in the database) or
``qingzhuang.accounts.sessions.cached_db`` (read through a shared cache, written through to the database).
Writes, expiry and everything else stay Django's own.
"""

from __future__ import annotations

from typing import Any

from django.db import router
from django.utils import timezone

from qingzhuang.accounts.rows import row_get


class LeanReadMixin:
    """``_get_session_from_db`` as one prepared SELECT."""

    session_key: str | None
    _session_key: str | None
    model: Any

    def _get_session_from_db(self) -> Any:
        if not self.session_key:
            self._session_key = None
            return None
        found = row_get(self.model, router.db_for_read(self.model),
                        [("session_key", self.session_key), ("expire_date__gt", timezone.now())])
        if found is None:
            self._session_key = None
        return found
