from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Schools and programs")

    def ready(self):
        from core import figures, reports, search
        from programs.costs import cost_overview, data_counts
        from programs.reports import borrowed_figures, flagged_lengths, write_counts
        from programs.search import find, shortcuts, vocabulary

        search.register(
            "programs",
            _("Training programs"),
            find,
            order=3,
            shortcuts=shortcuts,
            vocabulary=vocabulary,
        )
        figures.register("cost_overview", cost_overview)
        figures.register("program_data_counts", data_counts)
        reports.register_count(
            "borrowed_figures",
            _("Programs whose weeks, price or hours are another credential's"),
            borrowed_figures,
            order=10,
            expected=0,
        )
        reports.register_count(
            "flagged_lengths",
            _("Program lengths flagged as implausible"),
            flagged_lengths,
            order=11,
        )
        reports.register_section("programs", write_counts, order=10)
