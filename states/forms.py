from django import forms
from django.utils.translation import gettext_lazy as _

from core.states import state_choices


class StateChoiceForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Your state"),
        choices=lambda: [("", _("Choose a state"))] + state_choices(),
        error_messages={"invalid_choice": _("Choose a state from the list.")},
    )


class StateSortForm(forms.Form):
    sort = forms.ChoiceField(
        required=False,
        choices=[
            ("name", _("State")),
            ("median", _("Median pay")),
            ("employment", _("Employed")),
            ("programs", _("Programs")),
            ("regulation", _("State rules")),
        ],
        error_messages={"invalid_choice": _("The table can be sorted by its columns only.")},
    )

    def sort_key(self):
        """The chosen column, or the state's name when none (or an unknown one) was asked for."""
        if self.is_valid() and self.cleaned_data["sort"]:
            return self.cleaned_data["sort"]
        return "name"
