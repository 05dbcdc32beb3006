from django.contrib.sitemaps import Sitemap

from programs.models import Program


class ProgramSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Program.objects.published().only("slug").order_by("pk")
