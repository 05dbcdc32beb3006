from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from certifications.comparison import (
    EXAM_KINDS,
    SourcedCell,
    comparison_rows,
    figure_cell,
    published_for_comparison,
    renewal_period,
)
from certifications.eligibility import answer_for, in_order, plan_sentence
from certifications.forms import EligibilityForm
from certifications.models import Certification, ExamFigure
from core.cache import kept_per_data_version
from guide.models import Source

# Where the note on the fifth accredited credential (CMAC) that every certifications page
# shows comes from.
CMAC_SOURCE = "cert-maerb-credentials"


class CmacNoteMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cmac_source"] = kept_per_data_version(
            "cmac-source", Source.objects.filter(slug=CMAC_SOURCE).first
        )
        return context


class CertificationListView(CmacNoteMixin, ListView):
    context_object_name = "certifications"
    template_name = "certifications/certification_list.html"

    def get_queryset(self):
        return published_for_comparison()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        only_differences = self.request.GET.get("differences") == "1"
        rows = comparison_rows(context["certifications"])
        context["rows"] = [row for row in rows if row.differs] if only_differences else rows
        context["only_differences"] = only_differences
        context["crumbs"] = [(_("Certifications"), "")]
        return context


class CertificationDetailView(CmacNoteMixin, DetailView):
    context_object_name = "certification"

    def get_queryset(self):
        return Certification.objects.visible_to(self.request.user).for_comparison()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["exam_figures"] = [
            (ExamFigure.Kind(kind).label, figure_cell(self.object, kind)) for kind in EXAM_KINDS
        ]
        context["renewal_fee"] = figure_cell(self.object, ExamFigure.Kind.RENEWAL_FEE)
        cert, body = self.object, self.object.body
        context["delivery"] = SourcedCell(cert.delivery_places, cert.delivery_source, body)
        context["renewal_period"] = SourcedCell(renewal_period(cert), cert.renewal_source, body)
        context["renewal_requirement"] = SourcedCell(
            cert.renewal_requirement or _("Not confirmed"), cert.renewal_source, body
        )
        context["accreditation"] = SourcedCell(
            cert.credential_accreditation or _("Not confirmed"), cert.accreditation_source, body
        )
        context["crumbs"] = [
            (_("Certifications"), reverse("certifications:list")),
            (self.object.code, ""),
        ]
        return context


class EligibilityView(CmacNoteMixin, TemplateView):
    template_name = "certifications/eligibility.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = EligibilityForm(self.request.GET or None)
        answers = None
        if form.is_bound and form.is_valid():
            profile = form.profile()
            certifications = Certification.objects.published().for_eligibility()
            answers = in_order(
                answer_for(certification, profile) for certification in certifications
            )
        context.update(
            form=form,
            answers=answers,
            plan=plan_sentence(answers or []),
            crumbs=[(_("Certifications"), reverse("certifications:list")), (_("Eligibility"), "")],
        )
        return context
