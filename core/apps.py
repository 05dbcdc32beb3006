from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared core")

    def ready(self):
        from core import accounts_admin, reports, translations
        from core.admin import unrecorded_review_count
        from core.cache import connect_signals

        connect_signals()
        translations.share_queryset_classes()
        accounts_admin.register()
        reports.register_count(
            "unrecorded_reviews",
            _("“Reviewed” claims without a review record (who and when)"),
            unrecorded_review_count,
            order=1,
            expected=0,
        )


class EditorsAdminConfig(admin_apps.AdminConfig):
    # Listed in INSTALLED_APPS by its path, in place of django.contrib.admin; not core's own.
    default = False
    default_site = "core.admin.EditorsAdminSite"
