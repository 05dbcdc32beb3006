from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.states import by_code, by_slug
from states import pages
from states.forms import StateChoiceForm, StateSortForm


class StateListView(TemplateView):
    template_name = "states/state_list.html"

    def get(self, request, *args, **kwargs):
        # The home page's "Your state" picker submits here, so it works without JavaScript.
        if "state" in request.GET:
            picker = StateChoiceForm(request.GET)
            if picker.is_valid():
                slug = by_code()[picker.cleaned_data["state"]].slug
                return redirect("states:detail", slug=slug)
            context = self.get_context_data(picker=picker)
            return self.render_to_response(context, status=400)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sort_form = StateSortForm(self.request.GET)
        sort = sort_form.sort_key()
        context.setdefault("picker", StateChoiceForm())
        context.update(pages.state_table(sort))
        context.update(
            sort=sort,
            sort_form=sort_form,
            crumbs=[(_("States"), "")],
        )
        return context


class StateDetailView(TemplateView):
    template_name = "states/state_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = by_slug().get(kwargs["slug"])
        if state is None:
            raise Http404(_("No state or territory has that address."))
        context.update(pages.state_page(state))
        context["crumbs"] = [
            (_("States"), reverse("states:list")),
            (state.name, ""),
        ]
        return context
