"""Error codes and messages of accounts (API tokens), shared by the back office and the API."""

from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class TokenInvalid(DomainError):
    status = 400


class AccountInvalid(DomainError):
    """A typed value an account cannot take (an unknown language)."""

    status = 400


class TokenForbidden(DomainError):
    status = 403


SCOPE_UNKNOWN = _("A token either reads, or reads and writes.")
EXPIRY_PAST = _("A token's expiry must be in the future.")
TOKEN_READ_ONLY = _("This API token may only read. Ask for a token that may write to make changes.")
