"""The base of every domain's errors: a stable code, a translated message, the field at fault."""

from typing import Any


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)
        self.field = field
