"""The accounts list with an unlock action. Registered from CoreConfig.ready(), after admin
autodiscovery has registered django.contrib.auth's own User admin, which this one extends."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.ratelimits import unlock_sign_in


@admin.action(description=_("Unlock sign-in (forget failed attempts)"))
def unlock(model_admin, request, queryset):
    users = list(queryset)
    for user in users:
        unlock_sign_in(user.get_username())
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d account may sign in again now.",
            "%(count)d accounts may sign in again now.",
            len(users),
        )
        % {"count": len(users)},
        messages.SUCCESS,
    )


class AccountAdmin(UserAdmin):
    actions = [unlock]


def register():
    user_model = get_user_model()
    admin.site.unregister(user_model)
    admin.site.register(user_model, AccountAdmin)
