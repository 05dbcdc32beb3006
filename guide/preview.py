"""Guide pages and FAQs rendered for the admin's preview: the public views' own templates and
context, for an edited object that is not saved."""

from django.shortcuts import get_object_or_404

from core.editing import view_preview
from guide.models import FAQ, GuidePage
from guide.views import GuidePageView, HomeView


def page_preview(request, page, extra_context, faqs=None):
    """The page as its public view shows it; `faqs`, if given, in place of the saved ones."""
    extra_context = {**extra_context, "page": page}
    if faqs is not None:
        extra_context["faqs"] = faqs
    if page.kind == GuidePage.Kind.HOME:
        return view_preview(HomeView, request, extra_context, {"page": page})
    return view_preview(GuidePageView, request, extra_context, {"object": page}, slug=page.slug)


def faq_preview(request, faq, extra_context):
    """The FAQ's page with the edited question in its place (or added, if it was hidden)."""
    page = faq.page or get_object_or_404(GuidePage, kind=GuidePage.Kind.FAQ)
    others = FAQ.objects.published().filter(page=page).exclude(pk=faq.pk)
    faqs = sorted([*others, faq], key=lambda item: (item.sort_order, item.pk))
    return page_preview(request, page, {**extra_context, "preview_open": faq.slug}, faqs=faqs)
