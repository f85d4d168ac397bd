"""Sessions read through the shared cache; on a miss, from the database with one prepared SELECT."""

from django.contrib.sessions.backends import cached_db

from qingzhuang.accounts.sessions import LeanReadMixin


class SessionStore(LeanReadMixin, cached_db.SessionStore):
    pass
