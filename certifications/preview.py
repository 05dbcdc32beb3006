"""A certification rendered for the admin's preview: the public detail view's template and
context, for an edited certification that is not saved."""

from django.template.response import TemplateResponse

from certifications.views import CertificationDetailView


def certification_preview(request, certification, extra_context):
    view = CertificationDetailView()
    view.setup(request, slug=certification.slug)
    view.object = certification
    context = view.get_context_data(object=certification)
    context.update(extra_context)
    return TemplateResponse(request, view.get_template_names(), context)
