import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


def without_control_characters(text):
    """The text with NUL and other control characters turned into spaces.

    PostgreSQL refuses NUL in a text value, and no one types the others into a search box, so
    every free-text GET value is cleaned before it can reach the database.
    """
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


class PlainCharField(forms.CharField):
    """A one-line text field whose value, and the value echoed back in the form, hold no control
    characters."""

    def to_python(self, value):
        if isinstance(value, str):
            value = without_control_characters(value)
        return super().to_python(value)

    def bound_data(self, data, initial):
        return without_control_characters(data) if isinstance(data, str) else data


class SearchForm(forms.Form):
    q = PlainCharField(
        label=_("Search the guide, certifications and programs"),
        required=False,
        max_length=200,
        error_messages={
            "max_length": _("Please use a shorter search: at most %(limit_value)d characters.")
        },
    )

    @property
    def text(self):
        """The search as typed, cleaned and cut to length: for the search box and the title."""
        if self.is_valid():
            return self.cleaned_data["q"]
        return (self["q"].value() or "")[: self.fields["q"].max_length].strip()
