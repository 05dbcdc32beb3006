"""What the programs app adds to `manage.py data_report` (registered in ProgramsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from core.states import name_for
from programs.ipeds import fits_level
from programs.models import DATA_COUNTS, Program

LABELS = {
    "programs": _("programs"),
    "reported_cost": _("reported cost"),
    "estimated_cost": _("estimated cost"),
    "no_cost": _("no cost shown"),
    "reported_length": _("reported length"),
    "no_length": _("no length"),
    "flagged": _("flagged values"),
    "accreditation_checked": _("accreditation checked"),
}


def borrowed_figures():
    """Published programs whose price, hours and weeks are another credential's: their reported
    hours fit none of their own award level's range but fit another level the school lists
    (IPEDS gives one cost row per program, with its hours; programs.ipeds rule 3)."""
    rows = list(
        Program.objects.published()
        .filter(ipeds_award_level__isnull=False)
        .values_list("school_id", "ipeds_award_level", "length_hours", "length_hours_unit")
    )
    levels = {}
    for school, level, _hours, _unit in rows:
        levels.setdefault(school, set()).add(level)
    return sum(
        1
        for school, level, hours, unit in rows
        if hours
        and not fits_level(hours, unit, level)
        and any(fits_level(hours, unit, other) for other in levels[school] - {level})
    )


def flagged_lengths():
    """Published programs whose reported length is flagged as implausible."""
    return Program.objects.published().filter(length_suspect=True).count()


def write_counts(stdout):
    """The published programs' costs, lengths, flags and checks: overall and per state."""
    programs = Program.objects.published()
    labels = {key: str(label) for key, label in LABELS.items()}
    width = max(len(label) for label in labels.values())
    total = programs.data_counts()
    stdout.write(str(_("All published programs")))
    for key in DATA_COUNTS:
        stdout.write(f"  {labels[key]:<{width}}  {total[key]:>6}")
    stdout.write("")
    stdout.write(
        str(_("State or territory")).ljust(28)
        + "  ".join(f"{labels[key]:>{len(labels[key])}}" for key in DATA_COUNTS)
    )
    for code, counts in programs.data_counts_by_state().items():
        name = f"{name_for(code)} ({code})"
        stdout.write(
            name[:28].ljust(28)
            + "  ".join(f"{counts[key]:>{len(labels[key])}}" for key in DATA_COUNTS)
        )
