"""What the site search finds among the certifications: the credential page, with the passage of
it (summary, fee, exam or renewal) that holds the words searched for."""

from django.db.models import Value
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certifications.models import Certification
from core.search import PER_GROUP, Result, best_passage, matching
from guide.templatetags.guide_tags import dollars

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
    ("fee_note", "C"),
    ("delivery_note", "C"),
    ("renewal_requirement", "C"),
    ("credential_accreditation", "D"),
)


def fee_passage(certification):
    if certification.fee_member is None:
        fee = _("%(code)s exam fee: not confirmed.") % {"code": certification.code}
    elif certification.fee_non_member is None:
        fee = _("%(code)s exam fee: %(fee)s.") % {
            "code": certification.code,
            "fee": dollars(certification.fee_member),
        }
    else:
        fee = _("%(code)s exam fee: %(fee)s or %(other)s.") % {
            "code": certification.code,
            "fee": dollars(certification.fee_member),
            "other": dollars(certification.fee_non_member),
        }
    return f"{fee} {certification.fee_note}"


def exam_passage(certification):
    if certification.total_items and certification.exam_minutes:
        exam = _("The %(code)s exam: %(items)s questions in %(minutes)s minutes.") % {
            "code": certification.code,
            "items": certification.total_items,
            "minutes": certification.exam_minutes,
        }
    else:
        exam = _("The %(code)s exam: length not confirmed by an official source.") % {
            "code": certification.code
        }
    return f"{exam} {certification.delivery_note}"


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


def find(query):
    certifications = matching(
        Certification.objects.published().select_related("body"), FIELDS, query.words
    ).order_by("-rank", "sort_order")[:PER_GROUP]
    return [
        Result(
            title=f"{c.code}: {c.name}",
            url=c.get_absolute_url(),
            snippet=best_passage(
                [c.summary, fee_passage(c), exam_passage(c), renewal_passage(c)], query
            ),
            note=_("Sources on the %(code)s page; its figures were last checked %(date)s.")
            % {"code": c.code, "date": date_format(c.verified_on)},
        )
        for c in certifications
    ], ()
