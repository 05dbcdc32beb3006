from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationsConfig(AppConfig):
    name = "certifications"
    verbose_name = _("Certifications")

    def ready(self):
        from certifications.search import find, vocabulary
        from core import search

        search.register(
            "certifications", _("Certifications"), find, order=1, vocabulary=vocabulary
        )
