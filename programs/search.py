"""What the site search finds among the programs: those at schools whose name or city holds the
words, in the state the words name, if any; and the finder itself, filtered as the words ask
("online programs", "60601", "programs in Texas")."""

from django.db.models import F
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.search import PER_GROUP, Result, Shortcut, filtered, only, ranked
from core.states import name_for
from programs import geo
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
# A word that names a format: "online programs" asks for the finder's online filter.
FORMAT_WORDS = {"online": Program.Format.ONLINE, "hybrid": Program.Format.HYBRID}


def finder_url(**params):
    # No sort: with a ZIP code the finder puts the nearest first.
    return f"{reverse('programs:list')}?{urlencode(params)}"


def online_shortcut():
    count = Program.objects.published().filter(format=Program.Format.ONLINE).count()
    if not count:
        return []
    title = ngettext(
        "%(count)d online program, open to you wherever you live, in the program finder",
        "%(count)d online programs, open to you wherever you live, in the program finder",
        count,
    ) % {"count": count}
    return [Shortcut(title, finder_url(format=Program.Format.ONLINE))]


def shortcuts(query):
    """The finder filtered as the words ask: at a ZIP code it knows, in the state named, in a
    format named. Online programs are offered on their own, as a place would hide them."""
    zip_code = next((w for w in query.words if geo.zip_coordinates(w)), "")
    named = [FORMAT_WORDS[w] for w in query.other_words if w in FORMAT_WORDS]
    found = online_shortcut() if Program.Format.ONLINE in named else []
    format_ = next((f for f in named if f != Program.Format.ONLINE), "")
    label = Program.Format(format_).label if format_ else ""
    extra = {"format": format_} if format_ else {}
    if zip_code:
        if format_:
            title = _("%(format)s programs nearest to %(zip)s first, in the program finder")
        else:
            title = _("Programs nearest to %(zip)s first, in the program finder")
        url = finder_url(zip=zip_code, **extra)
        return [Shortcut(title % {"format": label, "zip": zip_code}, url), *found]
    if not query.state and not format_:
        return found
    programs = Program.objects.published()
    if query.state:
        programs = programs.in_state(query.state.code)
        extra["state"] = query.state.code
    if format_:
        programs = programs.filter(format=format_)
    count = programs.count()
    if not count:
        return found
    parts = {"count": count, "format": label.lower(), "state": query.state and query.state.name}
    if format_ and query.state:
        title = ngettext(
            "%(count)d %(format)s program in %(state)s, in the program finder",
            "%(count)d %(format)s programs in %(state)s, in the program finder",
            count,
        )
    elif format_:
        title = ngettext(
            "%(count)d %(format)s program, in the program finder",
            "%(count)d %(format)s programs, in the program finder",
            count,
        )
    else:
        title = ngettext(
            "%(count)d program in %(state)s, in the program finder",
            "%(count)d programs in %(state)s, in the program finder",
            count,
        )
    return [Shortcut(title % parts, finder_url(**extra)), *found]


def vocabulary():
    schools = School.objects.filter(programs__in=Program.objects.published())
    names = schools.values_list("name", "city").distinct()
    labels = [str(label) for _value, label in Program.Format.choices]
    return [*GENERIC_WORDS, *labels, *(text for row in names for text in row)]


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
            # A school with several programs is listed once for each: the credential tells them
            # apart.
            title=f"{program.school.name}: {program.credential_label}",
            url=program.get_absolute_url(),
            snippet=f"{program.name}. {program.school.city}, {name_for(program.school.state)}.",
        )
        for program in programs.order_by(*order)[:PER_GROUP]
    ], more
