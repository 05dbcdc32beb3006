from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from certifications.eligibility import Profile
from core.widgets import StrictNumberInput

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class EligibilityForm(forms.Form):
    diploma = forms.ChoiceField(
        label=_("Do you have a high-school diploma or GED?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    training = forms.ChoiceField(
        label=_("What medical assisting training have you had?"),
        choices=[
            ("accredited", _("A CAAHEP- or ABHES-accredited MA program")),
            ("other", _("Another MA program")),
            ("apprenticeship", _("An MA apprenticeship")),
            ("none", _("None")),
        ],
        widget=forms.RadioSelect,
    )
    training_status = forms.ChoiceField(
        label=_("Is that training finished?"),
        choices=[("enrolled", _("I'm still enrolled")), ("completed", _("I've finished it"))],
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Skip this if you have had no training."),
    )
    completed_months_ago = forms.IntegerField(
        label=_("If you've finished, how many months ago?"),
        min_value=0,
        max_value=600,
        required=False,
        widget=StrictNumberInput,
        help_text=_("Your MA program, apprenticeship or military MA training."),
    )
    experience_months = forms.IntegerField(
        label=_("Months of work as a medical assistant in recent years"),
        min_value=0,
        max_value=600,
        widget=StrictNumberInput,
        help_text=_("Full-time months; enter 0 if none."),
    )
    military = forms.ChoiceField(
        label=_("Did you train as a medical assistant in the armed forces?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.layout = Layout(
            *self.fields,
            StrictButton(_("Check my eligibility"), type="submit", css_class="btn-primary"),
        )

    def clean(self):
        cleaned = super().clean()
        trained = cleaned.get("training") not in (None, "none")
        if trained and not cleaned.get("training_status"):
            self.add_error("training_status", _("Tell us whether you have finished it."))
        finished = cleaned.get("training_status") == "completed" and trained
        military = cleaned.get("military") == "yes"
        if (finished or military) and cleaned.get("completed_months_ago") is None:
            self.add_error(
                "completed_months_ago", _("Enter how many months ago you finished (0 or more).")
            )
        return cleaned

    def profile(self):
        data = self.cleaned_data
        return Profile(
            diploma=data["diploma"] == "yes",
            training=data["training"],
            training_status=data.get("training_status") or "completed",
            completed_months_ago=data.get("completed_months_ago"),
            experience_months=data["experience_months"],
            military=data["military"] == "yes",
        )
