from core.sitemaps import BilingualSitemap
from programs.models import Program


class ProgramSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Program.objects.published().only("slug").order_by("pk")
