from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


def reviewer_field():
    """Who recorded a review: the second half of a review record, beside its date field (the
    model admin's review_field). Only the admin sets it, from the signed-in editor, when the date
    is set (core.admin.record_review); a date without a reviewer is no review, and the public
    pages say "not yet reviewed" (templates/includes/review_note.html)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The editor who recorded the review, set by the admin."),
    )


class PublishedQuerySet(SlugNaturalKeyQuerySet):
    """Rows with a `published` flag: what the public sees, and what editors may preview."""

    def published(self):
        """Rows the public may see."""
        return self.filter(published=True)

    def visible_to(self, user):
        """Editors preview drafts; everyone else sees published rows only."""
        return self.all() if user.is_staff else self.published()


class DraftQuerySet(models.QuerySet):
    def for_object(self, obj):
        """The draft kept for this row, if any (a queryset of at most one)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )


class Draft(models.Model):
    """Changes an editor keeps aside for a published row until they publish them.

    A draft copy, rather than django-simple-history or django-reversion: both record versions
    that were saved to the row, so the public site would show a "draft" the moment it is saved.
    A draft here holds only the form values of the fields the row's admin names as draftable
    (its text), as JSON beside the row; the row itself, and so the public page, is untouched
    until the editor publishes with the ordinary Save, which runs the row's own validation and
    history. One draft per row, so two drafts can never disagree.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    data = models.JSONField(encoder=DjangoJSONEncoder)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_draft_per_row")
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id} ({self.saved_at:%Y-%m-%d %H:%M})"
