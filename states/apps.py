from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "states"
    verbose_name = _("States")

    def ready(self):
        from core import reports
        from states.models import StateProfile

        reports.register_count(
            "unpublished_state_profiles",
            _("State profiles unpublished (their pages show pay and programs only)"),
            lambda: StateProfile.objects.filter(published=False).count(),
            order=40,
        )
