from core.sitemaps import BilingualSitemap
from guide.models import GuidePage


class GuidePageSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return GuidePage.objects.published().order_by("sort_order", "pk")

    def lastmod(self, page):
        return page.updated_at

    def priority(self, page):
        return 1.0 if page.kind == GuidePage.Kind.HOME else 0.8
