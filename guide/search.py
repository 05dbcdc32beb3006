"""What the site search finds in the guide: pages, questions and answers; and for a state's
name, the state's page with its pay."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.formatting import dollars
from core.search import PER_GROUP, Result, Shortcut, best_passage, markdown_to_text, matching
from guide.models import FAQ, GuidePage, WageFigure

PAGE_FIELDS = (("title", "A"), ("summary", "B"), ("body", "C"))
FAQ_FIELDS = (("question", "A"), ("answer", "B"))


def state_pay_url(state):
    """Where a state's pay is shown: its state page, with pay by city."""
    return reverse("states:detail", kwargs={"slug": state.slug})


def state_page(query):
    """The page of the state the query names: its pay, rules and programs, with its pay."""
    if not query.state:
        return []
    title = _("%(state)s: pay by city, state rules and programs") % {"state": query.state.name}
    figure = (
        WageFigure.objects.states()
        .latest_year()
        .filter(state_code=query.state.code, annual_median__isnull=False)
        .select_related("source")
        .first()
    )
    if figure is None:
        return [Shortcut(title, state_pay_url(query.state))]
    note = _("Median pay of medical assistants in %(state)s: %(annual)s a year.") % {
        "state": figure.area_name,
        "annual": dollars(figure.annual_median),
    }
    source = _("Source: %(publisher)s, %(period)s.") % {
        "publisher": figure.source.publisher,
        "period": figure.reference_period,
    }
    return [Shortcut(title, state_pay_url(query.state), f"{note} {source}")]


def vocabulary():
    pages = GuidePage.objects.published().values_list("title", "summary")
    questions = FAQ.objects.published().filter(page__published=True).values_list("question")
    return [text for row in [*pages, *questions] for text in row]


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
    # A stable sort: on equal rank, pages stay ahead of answers.
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [result for _rank, result in found], ()
