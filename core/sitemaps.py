from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class FixedPageSitemap(Sitemap):
    """Public pages with no database row of their own."""

    changefreq = "weekly"

    def items(self):
        return [
            "certifications:list",
            "certifications:eligibility",
            "programs:list",
            "guide:glossary",
        ]

    def location(self, name):
        return reverse(name)
