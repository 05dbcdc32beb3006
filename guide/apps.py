from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = _("Career guide")

    def ready(self):
        from core import reports, search
        from guide.editors import sync_after_migrate
        from guide.models import WageFigure
        from guide.search import find, state_page, vocabulary

        search.register(
            "guide", _("Guide pages"), find, order=2, shortcuts=state_page, vocabulary=vocabulary
        )
        reports.register_count(
            "weak_pay_estimates",
            _("BLS pay rows flagged as weak estimates"),
            lambda: WageFigure.objects.weak().count(),
            order=20,
        )
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="sync_editors_group")
