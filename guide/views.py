from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

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
            OutlookFigure.objects.filter(soc_code="31-9092").select_related("source").first()
        )
        return context


class GuidePageView(DetailView):
    context_object_name = "page"

    def get_queryset(self):
        return GuidePage.objects.published().for_display()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [(self.object.title, self.object.get_absolute_url())]
        return context

    def get_template_names(self):
        page_template = f"guide/page_{self.object.slug.replace('-', '_')}.html"
        return [page_template, "guide/guidepage_detail.html"]
