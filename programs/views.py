from django.views.generic import DetailView, ListView

from programs.models import Program


class ProgramListView(ListView):
    paginate_by = 25
    context_object_name = "programs"

    def get_queryset(self):
        return Program.objects.published().for_listing().order_by("school__name", "name", "pk")


class ProgramDetailView(DetailView):
    context_object_name = "program"

    def get_queryset(self):
        return Program.objects.published().for_listing()
