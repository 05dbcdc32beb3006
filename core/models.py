from django.db import models


class SlugNaturalKeyQuerySet(models.QuerySet):
    """Fixtures refer to rows by slug, so they diff cleanly and load twice without duplicates."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


SlugNaturalKeyManager = models.Manager.from_queryset(SlugNaturalKeyQuerySet)


class NaturalKeyMixin(models.Model):
    """Rows known by their slug. Abstract, so migrations record plain models and import no app."""

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)


class PublishedQuerySet(SlugNaturalKeyQuerySet):
    """Rows with a `published` flag: what the public sees, and what editors may preview."""

    def published(self):
        """Rows the public may see."""
        return self.filter(published=True)

    def visible_to(self, user):
        """Editors preview drafts; everyone else sees published rows only."""
        return self.all() if user.is_staff else self.published()
