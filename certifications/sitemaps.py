from certifications.models import Certification
from core.sitemaps import BilingualSitemap


class CertificationSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Certification.objects.published().order_by("sort_order", "pk")

    def lastmod(self, certification):
        return certification.checked_on
