"""Guide pages and FAQs rendered for the admin's preview: the public views' own templates and
context, for an edited object that is not saved."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from guide.models import FAQ, GuidePage
from guide.views import GuidePageView, HomeView


def page_preview(request, page, extra_context, faqs=None):
    """The page as its public view shows it; `faqs`, if given, in place of the saved ones."""
    if page.kind == GuidePage.Kind.HOME:
        view = HomeView()
        view.setup(request)
        context = view.get_context_data()
        template_names = view.get_template_names()
    else:
        view = GuidePageView()
        view.setup(request, slug=page.slug)
        view.object = page
        context = view.get_context_data(object=page)
        template_names = view.get_template_names()
    context["page"] = page
    if faqs is not None:
        context["faqs"] = faqs
    context.update(extra_context)
    return TemplateResponse(request, template_names, context)


def faq_preview(request, faq, extra_context):
    """The FAQ's page with the edited question in its place (or added, if it was hidden)."""
    page = faq.page or get_object_or_404(GuidePage, kind=GuidePage.Kind.FAQ)
    others = FAQ.objects.published().filter(page=page).exclude(pk=faq.pk)
    faqs = sorted([*others, faq], key=lambda item: (item.sort_order, item.pk))
    return page_preview(request, page, {**extra_context, "preview_open": faq.slug}, faqs=faqs)
