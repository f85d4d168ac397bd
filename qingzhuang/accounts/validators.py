import re
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


class UserNameSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Django's similarity rule, plus: no password that contains the user name or a word of it.

    Django compares whole strings, so "Secretary2026x" passes for the user "secretary_li" (ratio 0.69);
    a guesser tries exactly that first.
    """

    MIN_PART = 4

    def validate(self, password: str, user: Any = None) -> None:
        username = str(getattr(user, "username", "") or "").lower()
        plain = re.sub(r"[\W_]+", "", password.lower())
        parts = [p for p in re.split(r"[\W_]+", username) if len(p) >= self.MIN_PART]
        whole = re.sub(r"[\W_]+", "", username)
        if plain and whole and (whole in plain or plain in whole or any(p in plain for p in parts)):
            raise ValidationError(self.get_error_message(), code="password_too_similar")
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(self.get_error_message(), code="password_too_similar") from None

    def get_error_message(self) -> str:
        return _("The password is too close to your user name. Choose one that does not contain it.")

    def get_help_text(self) -> str:
        return _("Your password must not contain or resemble your user name.")
