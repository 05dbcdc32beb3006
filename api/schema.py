"""How the OpenAPI document reads the filter sets: their options are listed as enums."""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension


class FixedChoicesFilterExtension(DjangoFilterExtension):
    """The filter sets here give their options as functions so each request's copy does not copy
    the lists (the states, the finder's facets). Those functions read fixed tables, never the
    database, so the document can call them and list every option."""

    priority = 1

    def _get_explicit_filter_choices(self, filter_field):
        choices = filter_field.extra.get("choices")
        if callable(choices):
            return [value for value, _label in choices()]
        return super()._get_explicit_filter_choices(filter_field)
