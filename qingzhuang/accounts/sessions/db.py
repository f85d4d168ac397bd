"""Sessions in the database, read with one prepared SELECT (see the package's docstring)."""

from django.contrib.sessions.backends import db

from qingzhuang.accounts.sessions import LeanReadMixin


class SessionStore(LeanReadMixin, db.SessionStore):
    pass
