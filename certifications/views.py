from django.views.generic import DetailView, ListView

from certifications.models import Certification


class CertificationListView(ListView):
    context_object_name = "certifications"

    def get_queryset(self):
        return Certification.objects.published().for_comparison()


class CertificationDetailView(DetailView):
    context_object_name = "certification"

    def get_queryset(self):
        return Certification.objects.published().for_comparison()
