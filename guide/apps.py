from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = _("Career guide")

    def ready(self):
        from core import search
        from guide.editors import sync_after_migrate
        from guide.search import find, state_page, vocabulary

        search.register(
            "guide", _("Guide pages"), find, order=2, shortcuts=state_page, vocabulary=vocabulary
        )
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="sync_editors_group")
