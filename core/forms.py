import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from core.translations import ENGLISH


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


def figure_sources(model):
    """{source field: figure fields} a model names: figures that must not change silently
    under their old source."""
    return getattr(model, "figure_sources", {})


class ChangeNoteFormMixin(forms.Form):
    """The editor's reason for a save, kept as the history record's change reason."""

    change_note = PlainCharField(
        label=_("Change note"),
        required=False,
        # simple-history's change reason column holds 100 characters.
        max_length=100,
        help_text=_("Why you made this change, for whoever reads the history: “AAMA raised fee”."),
    )


class FigureSourceFormMixin(forms.Form):
    """A changed figure needs its source changed too, or the editor's word that the same source
    now gives the new value: otherwise the page would credit a figure to a source that never
    gave it. Each model names its figures under their source in ``figure_sources``."""

    same_source = forms.BooleanField(
        label=_("Same source, new value"),
        required=False,
        help_text=_("Tick when the source you cite now gives the figure you changed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not figure_sources(self._meta.model):
            del self.fields["same_source"]

    def clean(self):
        cleaned_data = super().clean()
        if self.instance._state.adding or cleaned_data.get("same_source"):
            return cleaned_data
        for source, figures in figure_sources(self._meta.model).items():
            # A translated figure is its English column; its Spanish only translates it.
            changed = [
                name
                for figure in figures
                for name in (figure, f"{figure}_{ENGLISH}")
                if name in self.changed_data
            ]
            if source in self.fields and changed and source not in self.changed_data:
                labels = ", ".join(str(self.fields[name].label) for name in changed)
                self.add_error(
                    source,
                    _(
                        "You changed %(figures)s but not its source. Give the source of the new "
                        "value, or tick “Same source, new value”."
                    )
                    % {"figures": labels},
                )
        return cleaned_data
