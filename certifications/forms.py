from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certifications.eligibility import PROGRAM_ANSWERS, Profile
from core.widgets import StrictNumberInput

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
TRAINING = [
    ("programmatic", _("A CAAHEP- or ABHES-accredited medical assisting program")),
    (
        "institutional",
        _(
            "A medical assisting program at an accredited school "
            "(the program itself not CAAHEP or ABHES)"
        ),
    ),
    ("unaccredited", _("Another program, or I'm not sure")),
    ("apprenticeship", _("A medical assisting apprenticeship")),
    ("none", _("None")),
]
STATUS = [("enrolled", _("I'm still in it")), ("completed", _("I've finished it"))]
CPR = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("I don't know"))]


def number(label, help_text, max_value):
    # Blank means "I don't know": the checker then answers "maybe" and names the missing fact.
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=max_value,
        required=False,
        widget=StrictNumberInput,
    )


def depends(field_name, value, *fields):
    """A group shown only when field_name has one of value (script-free: always rendered)."""
    return Div(*fields, css_class="depends", data_depends_on=field_name, data_depends_value=value)


class EligibilityForm(forms.Form):
    diploma = forms.ChoiceField(
        label=_("Do you have a high-school diploma or GED?"),
        help_text=_("Some routes ask for one."),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us whether you have a high-school diploma or GED.")},
    )
    training = forms.ChoiceField(
        label=_("What medical assisting training have you had, or are you in now?"),
        help_text=_(
            "Accreditation decides most routes. The finder shows each program's accreditation."
        ),
        choices=TRAINING,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the training you have had, or “None”.")},
    )
    training_status = forms.ChoiceField(
        label=_("Is that training finished?"),
        help_text=_("Students may test early for some credentials."),
        choices=STATUS,
        widget=forms.RadioSelect,
        required=False,
    )
    finish_in_days = number(
        _("In how many days will you finish, practicum included?"),
        _("The CMA lets students test from 30 days before. Leave blank if you don't know."),
        3650,
    )
    completed_months_ago = number(
        _("How many months ago did you finish?"),
        _("Several routes only count training from the last few years."),
        600,
    )
    program_hours = number(
        _("How many clock hours was the whole program, practicum included?"),
        _("On your transcript or the school's catalog. Leave blank if you don't know."),
        9999,
    )
    practicum_hours = number(
        _("How many of those hours were practicum or externship?"),
        _("Most routes want at least 160. Leave blank if you don't know."),
        9999,
    )
    military = forms.ChoiceField(
        label=_("Did you train as a medical assistant in the armed forces?"),
        help_text=_("The RMA and the NCMA accept recent military training."),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Tell us whether you trained as an MA in the armed forces.")
        },
    )
    military_months_ago = number(
        _("How many months ago did that military training end?"),
        _("Counted separately from any school."),
        600,
    )
    experience_months = forms.IntegerField(
        label=_("How many months have you worked as a medical assistant?"),
        help_text=_("Full-time months: two years half time is 12. Enter 0 if none."),
        min_value=0,
        max_value=600,
        widget=StrictNumberInput,
        error_messages={
            "required": _("Enter how many months you have worked as an MA, or 0 if none.")
        },
    )
    experience_ended_months_ago = number(
        _("How many months ago did that work end?"),
        _("Enter 0 if you still work as one. Work routes only count recent years."),
        600,
    )
    cpr = forms.ChoiceField(
        label=_("Do you hold a current CPR card?"),
        help_text=_("The RMA's work route asks for one."),
        choices=CPR,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        trained = ",".join(sorted(PROGRAM_ANSWERS | {"apprenticeship"}))
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.form_id = "eligibility-form"
        self.helper.form_action = "#answers"
        self.helper.layout = Layout(
            "diploma",
            Fieldset(
                _("Training"),
                "training",
                depends(
                    "training",
                    trained,
                    "training_status",
                    depends("training_status", "enrolled", "finish_in_days"),
                    depends("training_status", "completed", "completed_months_ago"),
                    "program_hours",
                    "practicum_hours",
                ),
            ),
            Fieldset(
                _("Military training"),
                "military",
                depends("military", "yes", "military_months_ago"),
            ),
            Fieldset(
                _("Work and CPR"),
                "experience_months",
                "experience_ended_months_ago",
                "cpr",
            ),
            StrictButton(_("Check my eligibility"), type="submit", css_class="btn-primary"),
        )

    def clean(self):
        cleaned = super().clean()
        trained = cleaned.get("training") not in (None, "none")
        if trained and not cleaned.get("training_status"):
            self.add_error(
                "training_status",
                _("Tell us whether you are still in your training or have finished it."),
            )
        return cleaned

    def profile(self, today=None):
        data = self.cleaned_data
        trained = data["training"] != "none"
        status = data.get("training_status") if trained else None
        military = data["military"] == "yes"
        return Profile(
            diploma=data["diploma"] == "yes",
            training=data["training"],
            training_status=status,
            # Answers to questions that do not apply (hidden with JavaScript on) are ignored,
            # so the answer is the same with it off.
            finish_in_days=data.get("finish_in_days") if status == "enrolled" else None,
            completed_months_ago=data.get("completed_months_ago")
            if status == "completed"
            else None,
            program_hours=data.get("program_hours") if trained else None,
            practicum_hours=data.get("practicum_hours") if trained else None,
            military=military,
            military_months_ago=data.get("military_months_ago") if military else None,
            experience_months=data.get("experience_months"),
            experience_ended_months_ago=data.get("experience_ended_months_ago"),
            cpr={"yes": True, "no": False}.get(data.get("cpr")),
            today=today or timezone.localdate(),
        )
