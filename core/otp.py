"""The second factor for admin sign-in: a code from an authenticator app (TOTP, django-otp).

Superusers must have one: after the password they are sent to set it up (or to enter the code
of the app they set up) before any other admin page opens, so a fresh `make run` still lets a
developer in with `createsuperuser` and a phone. Editors may set one up from the dashboard;
once they have, the sign-in page asks them for the code too. A wrong code counts as a failed
sign-in for django-axes, like a wrong password, so the lockout covers both.
"""

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def second_factor_pending(user):
    """A superuser signed in with the password only: no admin page but the second factor's."""
    return user.is_authenticated and user.is_superuser and not user.is_verified()


def verified_device(user, token):
    """The user's confirmed device that accepts the code, or None. Each device throttles
    wrong codes itself (django-otp waits longer after each failure)."""
    devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    with transaction.atomic():
        for device in devices.select_for_update():
            if device.verify_token(token):
                return device
    return None


def qr_code_data_uri(text):
    """The QR code of `text` as an SVG data: URI, for an <img> the CSP allows (img-src data:)."""
    return segno.make(text, error="m").svg_data_uri(scale=5, border=2)


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            max_length=10,
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
            ),
            **kwargs,
        )

    def to_python(self, value):
        # Apps show the code as "123 456"; people type it that way.
        return "".join(super().to_python(value).split())


class SignInForm(AdminAuthenticationForm):
    """The admin sign-in form with the authenticator code, asked of those who set one up."""

    otp_token = CodeField(
        label=_("Code from your authenticator app"),
        required=False,
        help_text=_("Six digits. Leave it empty if you have not set up an authenticator app."),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.user_cache
        if user is None:
            return cleaned_data
        if not TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
            # No app set up yet, or one left unconfirmed: the password alone signs in.
            return cleaned_data
        device = verified_device(user, cleaned_data.get("otp_token", ""))
        if device is None:
            # Counted by django-axes against the name and the address, like a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            raise forms.ValidationError(
                _("Enter the current code from your authenticator app."), code="invalid_token"
            )
        # django-otp marks the session verified when Django signs this user in.
        user.otp_device = device
        return cleaned_data


class CodeForm(forms.Form):
    otp_token = CodeField(label=_("Code from your authenticator app"))

    def __init__(self, *args, device, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"]
        with transaction.atomic():
            if not self.device.verify_token(token):
                raise forms.ValidationError(
                    _("That code was not accepted. Enter the code your app shows now."),
                    code="invalid_token",
                )
        return token


class SecondFactorView(FormView):
    """Set up an authenticator app (no confirmed device yet), or enter its code (a confirmed
    device, in a session signed in with the password only); otherwise say it is on."""

    form_class = CodeForm
    template_name = "admin/second_factor.html"
    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        self.device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
        self.setting_up = self.device is None
        if self.setting_up:
            # One pending secret per account, kept until it is confirmed, so reloading the page
            # does not invalidate a code the editor has already scanned.
            self.device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
            if self.device is None:
                self.device = TOTPDevice.objects.create(
                    user=user, name=str(_("Authenticator app")), confirmed=False
                )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def form_valid(self, form):
        if self.setting_up:
            self.device.confirmed = True
            self.device.save(update_fields=["confirmed"])
            messages.success(
                self.request,
                _("Your authenticator app is set up. Sign-in will ask for its code from now on."),
            )
        otp_login(self.request, self.device)
        return redirect(self.admin_site.name + ":index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.admin_site.each_context(self.request))
        context["title"] = _("Second factor")
        context["setting_up"] = self.setting_up
        context["verified"] = self.request.user.is_verified()
        if self.setting_up:
            context["secret"] = b32encode(self.device.bin_key).decode()
            context["config_url"] = self.device.config_url
            context["qr_code"] = qr_code_data_uri(self.device.config_url)
        return context
