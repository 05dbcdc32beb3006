from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, TemplateView

from core import search
from core.cache import kept_per_data_version
from core.forms import SearchForm
from core.ratelimits import limited, too_many_requests
from core.states import all_states
from guide import glossary, sections
from guide.forms import FeedbackForm
from guide.models import CareerStep, GuidePage
from guide.notifications import notify_editors_of_feedback
from guide.pay import national_outlook, newest_pay


def published_page(**wanted):
    """The published guide page with these attributes (slug or kind), with what its template
    needs; Http404 if there is none. Every visitor sees the same pages, so they are read once
    per data version (core.cache.kept_per_data_version)."""
    pages = kept_per_data_version(
        "guide-pages", lambda: list(GuidePage.objects.published().for_display())
    )
    for page in pages:
        if all(getattr(page, name) == value for name, value in wanted.items()):
            return page
    raise Http404


class HomeView(TemplateView):
    template_name = "guide/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The admin's preview passes the edited, unsaved page.
        if "page" not in context:
            context["page"] = published_page(kind=GuidePage.Kind.HOME)
        context["steps"] = CareerStep.objects.filter(
            page__kind=GuidePage.Kind.BECOME
        ).select_related("source")
        context["national_wage"] = newest_pay().national
        context["outlook"] = national_outlook()
        context["all_states"] = all_states()
        return context


class GuidePageView(DetailView):
    context_object_name = "page"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            renamed = self.renamed_page(kwargs["slug"])
            if renamed is None:
                raise
            return redirect(renamed, permanent=True)

    def get_object(self, queryset=None):
        if self.request.user.is_staff:
            # Editors see drafts too, read fresh.
            page = super().get_object(queryset)
        else:
            page = published_page(slug=self.kwargs["slug"])
        # The front page lives at /, so its slug's address would be the same page twice.
        if page.kind == GuidePage.Kind.HOME:
            raise Http404
        return page

    def renamed_page(self, slug):
        """The page that had this address before an editor renamed it, if it is still shown."""
        page_ids = GuidePage.history.filter(slug=slug).values("id")
        return self.get_queryset().filter(pk__in=page_ids).first()

    def get_queryset(self):
        return GuidePage.objects.visible_to(self.request.user).for_display()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [(self.object.title, self.object.get_absolute_url())]
        context.update(sections.for_page(self.request, self.object))
        return context

    def get_template_names(self):
        if self.object.kind:
            return [f"guide/page_{self.object.kind}.html", "guide/guidepage_detail.html"]
        return ["guide/guidepage_detail.html"]


class FeedbackView(CreateView):
    form_class = FeedbackForm
    template_name = "guide/feedback.html"

    def get_initial(self):
        return {"page_url": self.request.GET.get("page", "/")[:300]}

    def post(self, request, *args, **kwargs):
        retry_after = limited(request, "feedback", "FEEDBACK_RATE")
        if retry_after:
            self.object = None
            context = self.get_context_data(form=self.get_form(), rate_limited=True)
            return too_many_requests(request, self.template_name, retry_after, context)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not form.is_spam():
            self.object = form.save()
            notify_editors_of_feedback(self.object, self.request)
        messages.success(
            self.request, _("Thank you. An editor will read your note and check the page.")
        )
        return redirect(form.cleaned_data["page_url"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [(_("Suggest an update"), "")]
        return context


class GlossaryView(TemplateView):
    template_name = "guide/glossary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["terms"] = glossary.TERMS
        context["crumbs"] = [(_("Glossary"), "")]
        return context


class SearchView(TemplateView):
    template_name = "guide/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        context.update(
            form=form,
            found=search.search(form.cleaned_data["q"]) if form.is_valid() else None,
            crumbs=[(_("Search"), "")],
        )
        return context
