from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationsConfig(AppConfig):
    name = "certifications"
    verbose_name = _("Certifications")

    def ready(self):
        from certifications.fees import exam_fees
        from certifications.models import ExamFigure
        from certifications.report import unsourced_figures
        from certifications.search import find, vocabulary
        from core import figures, reports, search

        search.register(
            "certifications", _("Certifications"), find, order=1, vocabulary=vocabulary
        )
        figures.register("exam_fees", exam_fees)
        reports.register_count(
            "unsourced_figures",
            _("Figures without a source beside them on certification pages"),
            lambda: len(unsourced_figures()),
            order=30,
            expected=0,
        )
        reports.register_count(
            "unpublished_exam_figures",
            _("Exam and fee figures unpublished (left out of every page and fee range)"),
            lambda: ExamFigure.objects.filter(published=False).count(),
            order=31,
        )
