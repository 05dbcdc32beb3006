"""What the site search finds among the programs: those at schools whose name or city holds the
words, in the state the words name, if any."""

from django.db.models import F
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.search import PER_GROUP, Result, filtered, only, ranked
from core.states import name_for
from programs.models import SCHOOL_SEARCH_FIELDS, Program, School

# Words in nearly every program's name or in any question about programs: they would match
# everything, so the programs are found by the other words (and the state).
GENERIC_WORDS = (
    "medical",
    "assistant",
    "assisting",
    "ma",
    "program",
    "school",
    "college",
    "training",
    "course",
    "class",
    "certificate",
    "certification",
    "diploma",
    "degree",
    "near",
)
PROGRAM_FIELDS = tuple((f"school__{name}", weight) for name, weight in SCHOOL_SEARCH_FIELDS)


def find(query):
    words = tuple(w for w in query.other_words if not only([w], GENERIC_WORDS))
    if not words and not query.state:
        return [], ()
    programs = Program.objects.published().select_related("school")
    order = [F("graduates_per_year").desc(nulls_last=True), "pk"]
    finder = reverse("programs:list")
    if query.state:
        programs = programs.in_state(query.state.code)
        more = (
            f"{finder}?{urlencode({'state': query.state.code})}",
            _("All programs in %(state)s, in the program finder") % {"state": query.state.name},
        )
    else:
        more = (finder, _("Filter every program by cost, length and distance"))
    if words:
        schools = filtered(School.objects.all(), SCHOOL_SEARCH_FIELDS, words)
        programs = ranked(programs.filter(school__in=schools), PROGRAM_FIELDS, words)
        order.insert(0, "-rank")
    return [
        Result(
            title=program.school.name,
            url=program.get_absolute_url(),
            snippet=f"{program.name}. {program.school.city}, {name_for(program.school.state)}.",
        )
        for program in programs.order_by(*order)[:PER_GROUP]
    ], more
