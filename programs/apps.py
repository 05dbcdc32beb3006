from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Schools and programs")

    def ready(self):
        from core import search
        from programs.search import find, shortcuts, vocabulary

        search.register(
            "programs",
            _("Training programs"),
            find,
            order=3,
            shortcuts=shortcuts,
            vocabulary=vocabulary,
        )
