"""What the site search finds among the certifications: the credential page, with the passage of
it (summary, fee, exam or renewal) that holds the words searched for."""

from django.db.models import Value
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certifications.models import Certification, ExamFigure
from core.search import PER_GROUP, Result, best_passage, matching

# The headings every certification page shows, so "CMA fee" or "RMA renewal" finds the page
# even where the editor's notes do not repeat the word.
PAGE_HEADINGS = (
    "Who may sit for the exam. The exam: questions, testing time, where it is taken. "
    "Fees: exam fee. Keeping the credential: renewal period, renewal fee."
)
FIELDS = (
    ("code", "A"),
    ("name", "A"),
    ("body__abbreviation", "A"),
    ("body__name", "B"),
    ("summary", "B"),
    (Value(PAGE_HEADINGS), "C"),
    ("delivery_note", "C"),
    ("renewal_requirement", "C"),
    ("credential_accreditation", "D"),
)


def figure_passage(certification, kind, heading):
    """One passage per kind of exam figure: "CMA exam fee: $125 for members; $250 for others"."""
    values = [figure.value for figure in certification.figures_of(kind)]
    if not values:
        return _("%(heading)s: not confirmed.") % {"heading": heading}
    return f"{heading}: {'; '.join(values)}."


def fee_passage(certification):
    heading = _("%(code)s exam fee") % {"code": certification.code}
    return figure_passage(certification, ExamFigure.Kind.EXAM_FEE, heading)


def exam_passage(certification):
    heading = _("The %(code)s exam") % {"code": certification.code}
    questions = figure_passage(certification, ExamFigure.Kind.QUESTIONS, heading)
    time = figure_passage(certification, ExamFigure.Kind.TESTING_TIME, _("Testing time"))
    return f"{questions} {time} {certification.delivery_note}"


def renewal_passage(certification):
    if certification.renewal_months is None:
        every = _("%(code)s renewal: not confirmed.") % {"code": certification.code}
        return f"{every} {certification.renewal_requirement}"
    every = ngettext(
        "%(code)s renewal: every %(months)s month.",
        "%(code)s renewal: every %(months)s months.",
        certification.renewal_months,
    ) % {"code": certification.code, "months": certification.renewal_months}
    return f"{every} {certification.renewal_requirement}"


def checked_note(certification):
    if certification.checked_on is None:
        return _("Sources on the %(code)s page; not yet checked against %(body)s's own pages.") % {
            "code": certification.code,
            "body": certification.body.abbreviation,
        }
    return _("Sources on the %(code)s page; checked against %(body)s's pages %(date)s.") % {
        "code": certification.code,
        "body": certification.body.abbreviation,
        "date": date_format(certification.checked_on),
    }


def vocabulary():
    rows = Certification.objects.published().values_list("code", "name", "summary", "body__name")
    return [PAGE_HEADINGS, *(text for row in rows for text in row)]


def find(query):
    certifications = matching(
        Certification.objects.published().select_related("body").with_figures(),
        FIELDS,
        query.words,
    ).order_by("-rank", "sort_order")[:PER_GROUP]
    return [
        Result(
            title=f"{c.code}: {c.name}",
            url=c.get_absolute_url(),
            snippet=best_passage(
                [c.summary, fee_passage(c), exam_passage(c), renewal_passage(c)], query
            ),
            note=checked_note(c),
        )
        for c in certifications
    ], ()
