from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class BilingualSitemap(Sitemap):
    """Each page once per language in settings.LANGUAGES, each entry naming the others and the
    English page as x-default, as the pages' own hreflang links do."""

    i18n = True
    alternates = True
    x_default = True


class FixedPageSitemap(BilingualSitemap):
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
