from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from guide.models import Feedback


class FeedbackForm(forms.ModelForm):
    # Humans never see this field; bots that fill every input give themselves away.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = Feedback
        fields = ["page_url", "message", "email"]
        labels = {
            "page_url": _("Page"),
            "message": _("What should we check or change?"),
            "email": _("Your email (optional, only if you'd like a reply)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_url"].widget = forms.HiddenInput()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "page_url",
            Field("message"),
            Field("email", autocomplete="email"),
            Div(
                Field("website", autocomplete="off", tabindex="-1"),
                css_class="honeypot",
                aria_hidden="true",
            ),
            StrictButton(_("Send"), type="submit", css_class="btn-primary"),
        )

    def clean_page_url(self):
        path = self.cleaned_data["page_url"]
        if not path.startswith("/") or not url_has_allowed_host_and_scheme(path, None):
            return "/"
        return path

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
