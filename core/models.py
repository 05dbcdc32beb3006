import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import translations


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


class QuickDeferredLoading(models.Model):
    """Instances read with only() or defer() built without Django's search, on every row, of
    the list of columns read for each of the model's fields: where the columns read are known
    once per query, their places are worked out once per process (loaded_positions). A page of
    finder results builds fifty such programs and schools, and the search was two fifths of that.
    The values land where Model.from_db puts them (tests/test_deferred_loading.py compares)."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        fields = cls._meta.concrete_fields
        if len(values) != len(fields):
            row = [models.DEFERRED] * len(fields)
            positions = loaded_positions(cls, tuple(field_names))
            for position, value in zip(positions, values, strict=True):
                row[position] = value
            values = row
        return super().from_db(db, field_names, values)


@functools.lru_cache(maxsize=64)
def loaded_positions(model, field_names):
    """Where each column read goes among the model's concrete fields, in their order."""
    read = set(field_names)
    return tuple(
        position
        for position, field in enumerate(model._meta.concrete_fields)
        if field.attname in read
    )


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


class TranslatedModel(models.Model):
    """A row with Spanish texts (registered in its app's translation.py) that knows which English
    they were translated from (see core.translations). Saving a changed English text records
    when; saving a changed Spanish text records that it now translates the English as saved.
    List it after a model's other abstract bases, so their Meta is the one inherited."""

    english_version = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("A fingerprint of the English texts as saved."),
    )
    spanish_version = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("The fingerprint of the English texts the Spanish was translated from."),
    )
    english_changed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text=_("When the English texts last changed.")
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.note_versions()
        super().save(*args, **kwargs)
        self._spanish_loaded = translations.texts(self, translations.SPANISH)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What the Spanish was when read, so save() knows whether an editor changed it.
        instance._spanish_loaded = translations.texts(instance, translations.SPANISH)
        return instance

    def note_versions(self):
        """Record a change of the English (its fingerprint and when), and a change of the
        Spanish (translated from the English as it is now)."""
        english = translations.texts(self, translations.ENGLISH)
        if len(english) < len(translations.translated_fields(type(self))):
            # Some English texts were not loaded (only()/defer()): nothing to compare.
            return
        version = translations.english_version(english)
        if version != self.english_version:
            # A row loaded without a fingerprint gets one; only a real change is dated.
            if self.english_version or self._state.adding:
                self.english_changed_at = timezone.now()
            self.english_version = version
        spanish = translations.texts(self, translations.SPANISH)
        loaded = getattr(self, "_spanish_loaded", None)
        changed = any(spanish.values()) if loaded is None else spanish != loaded
        if changed and any(spanish.values()):
            self.spanish_version = self.english_version

    @property
    def spanish_status(self):
        return translations.status_of(self)

    @property
    def translation_note(self):
        """What a Spanish page says about this row's Spanish ("" when nothing, or in English):
        templates/includes/translation_note.html."""
        if not translations.spanish_active():
            return ""
        status = self.spanish_status
        return "" if status == translations.SpanishStatus.CURRENT else status


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
