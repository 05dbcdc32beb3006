from django.urls import reverse

from core.sitemaps import BilingualSitemap
from core.states import all_states


class StateSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return ["list", *(state.slug for state in all_states())]

    def location(self, item):
        if item == "list":
            return reverse("states:list")
        return reverse("states:detail", kwargs={"slug": item})
