"""Django's password validators with the portal's own words: the rules and refusals speak to the person as "je" in
Dutch, like the rest of the portal (Django's Dutch catalogue says "u"), and say what to do. The checks are Django's."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("This password looks too much like your %(verbose_name)s. Choose one that has nothing to do with it.")

    def get_help_text(self):
        return _("Your password can't look like your name or e-mail address.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short: it needs at least %(min_length)d character.",
            "This password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Your password needs at least %(min_length)d character.",
            "Your password needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("This password is too common: choose one that is harder to guess, such as a few unrelated words.")

    def get_help_text(self):
        return _("Your password can't be a commonly used password.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("This password has only digits: add letters or other characters.")

    def get_help_text(self):
        return _("Your password can't be only digits.")
