from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MixedCharactersValidator:
    """A password needs letters and digits: the minimum a county IT security review asks for."""

    def validate(self, password: str, user: Any = None) -> None:
        if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
            raise ValidationError(_("The password must contain both letters and digits."), code="password_not_mixed")

    def get_help_text(self) -> str:
        return _("Your password must contain both letters and digits.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule with a message of our own: Django 5.2's reworded message has no Chinese yet."""

    def get_error_message(self) -> str:
        return _("This password is too short. It must contain at least %(min_length)d characters.") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("Your password must contain at least %(min_length)d characters.") % {"min_length": self.min_length}
