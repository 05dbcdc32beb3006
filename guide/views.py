from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, TemplateView

from config import ratelimit
from core.states import all_states
from guide import search, sections
from guide.forms import FeedbackForm
from guide.models import CareerStep, GuidePage, OutlookFigure, WageFigure


class GuidePageMixin:
    """Loads the published GuidePage whose slug the view names and puts it in the context."""

    page_slug = None

    def get_page(self):
        return get_object_or_404(GuidePage.objects.published().for_display(), slug=self.page_slug)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("page", self.get_page())
        return context


class HomeView(GuidePageMixin, TemplateView):
    template_name = "guide/home.html"
    page_slug = "home"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["steps"] = CareerStep.objects.filter(
            page__slug="become-a-medical-assistant"
        ).select_related("source")
        context["national_wage"] = (
            WageFigure.objects.national().latest_year().select_related("source").first()
        )
        context["outlook"] = (
            OutlookFigure.objects.filter(soc_code=sections.MA_SOC).select_related("source").first()
        )
        context["all_states"] = all_states()
        return context


class GuidePageView(DetailView):
    context_object_name = "page"

    def get(self, request, *args, **kwargs):
        # The front page lives at /, so /home/ would be the same page twice.
        if kwargs["slug"] == "home":
            return redirect("guide:home", permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return GuidePage.objects.visible_to(self.request.user).for_display()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [(self.object.title, self.object.get_absolute_url())]
        context.update(sections.for_page(self.request, self.object))
        return context

    def get_template_names(self):
        page_template = f"guide/page_{self.object.slug.replace('-', '_')}.html"
        return [page_template, "guide/guidepage_detail.html"]


class FeedbackView(CreateView):
    form_class = FeedbackForm
    template_name = "guide/feedback.html"

    def get_initial(self):
        return {"page_url": self.request.GET.get("page", "/")[:300]}

    def post(self, request, *args, **kwargs):
        ip = ratelimit.client_ip(request)
        if ratelimit.count("feedback", ip) >= settings.FEEDBACK_PER_IP:
            self.object = None
            context = self.get_context_data(form=self.get_form(), rate_limited=True)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        ratelimit.hit("feedback", ratelimit.client_ip(self.request), settings.FEEDBACK_WINDOW)
        if not form.is_spam():
            self.object = form.save()
        messages.success(
            self.request, _("Thank you. An editor will read your note and check the page.")
        )
        return redirect(form.cleaned_data["page_url"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [(_("Suggest an update"), "")]
        return context


class SearchView(TemplateView):
    template_name = "guide/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        error = ""
        results = None
        if len(query) > search.MAX_QUERY:
            error = _("Please use a shorter search: at most %(max)d characters.") % {
                "max": search.MAX_QUERY
            }
        elif query.strip():
            results = search.search(query)
        context.update(
            query=query[: search.MAX_QUERY],
            error=error,
            results=results,
            total=sum(len(group) for group in results.values()) if results else 0,
            crumbs=[(_("Search"), "")],
        )
        return context


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /programs/shortlist/",
        "Disallow: /programs/export.csv",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
