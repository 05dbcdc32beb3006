"""What the site search finds in the guide: pages, questions and answers, and a state's pay."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.formatting import dollars
from core.search import PER_GROUP, Result, best_passage, markdown_to_text, matching, only
from guide.models import FAQ, GuidePage, WageFigure

PAGE_FIELDS = (("title", "A"), ("summary", "B"), ("body", "C"))
FAQ_FIELDS = (("question", "A"), ("answer", "B"))
# With a state's name, these words ask what the job pays there: "salary texas", "how much do
# medical assistants make in ohio".
PAY_WORDS = (
    "pay",
    "salary",
    "wage",
    "earn",
    "earning",
    "income",
    "make",
    "much",
    "money",
    "medical",
    "assistant",
    "ma",
)


def state_pay_url(state):
    """Where a state's pay is shown: its state page, with pay by city."""
    return reverse("states:detail", kwargs={"slug": state.slug})


def state_pay(query):
    """The pay of the state the query names, when it asks about pay or about nothing else."""
    if not query.state or not only(query.other_words, PAY_WORDS):
        return []
    figure = (
        WageFigure.objects.states()
        .latest_year()
        .filter(state_code=query.state.code, annual_median__isnull=False)
        .select_related("source")
        .first()
    )
    if figure is None:
        return []
    snippet = _("Median pay of medical assistants in %(state)s: %(annual)s a year.") % {
        "state": figure.area_name,
        "annual": dollars(figure.annual_median),
    }
    return [
        Result(
            title=_("Medical assistant pay in %(state)s") % {"state": figure.area_name},
            url=state_pay_url(query.state),
            snippet=snippet,
            kind=_("Pay by state"),
            note=_("Source: %(publisher)s, %(period)s.")
            % {"publisher": figure.source.publisher, "period": figure.reference_period},
        )
    ]


def find(query):
    pages = matching(GuidePage.objects.published(), PAGE_FIELDS, query.words)[:PER_GROUP]
    faqs = matching(
        FAQ.objects.published().filter(page__published=True).select_related("page"),
        FAQ_FIELDS,
        query.words,
    )[:PER_GROUP]
    found = [
        (
            page.rank,
            Result(
                title=page.title,
                url=page.get_absolute_url(),
                snippet=best_passage([page.summary, markdown_to_text(page.body)], query),
            ),
        )
        for page in pages
    ] + [
        (
            faq.rank,
            Result(
                title=faq.question,
                url=f"{faq.page.get_absolute_url()}#{faq.slug}",
                snippet=markdown_to_text(faq.answer),
                kind=_("Question and answer"),
            ),
        )
        for faq in faqs
    ]
    # A stable sort: on equal rank, pages stay ahead of answers. A state's pay answers the
    # question outright, so it comes first.
    found.sort(key=lambda pair: pair[0], reverse=True)
    return state_pay(query) + [result for _rank, result in found], ()
