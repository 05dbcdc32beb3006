from django.contrib.sitemaps import Sitemap

from certifications.models import Certification


class CertificationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Certification.objects.published().order_by("sort_order", "pk")

    def lastmod(self, certification):
        return certification.checked_on
