from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Schools and programs")

    def ready(self):
        from certifications.fees import exam_fees
        from core import figures, search
        from programs.costs import cost_overview, data_counts
        from programs.search import find

        search.register("programs", _("Training programs"), find, order=3)
        figures.register("cost_overview", cost_overview)
        figures.register("program_data_counts", data_counts)
        # The certifications app offers its fees to the guide from here until it registers them
        # itself; the cost page shows them beside the program costs.
        figures.register("exam_fees", exam_fees)
