from django import template

register = template.Library()


@register.filter
def choices(bound_field):
    """A drop-down's (value, label) pairs, straight from its form field: iterating the bound
    field instead builds a widget option, with its own dict of attributes, for each."""
    return list(bound_field.field.choices)


@register.simple_tag(takes_context=True)
def control(context, bound_field):
    """What includes/form_control.html prints for one field, as a plain dict: a template reads a
    dict key at once, where it tries a bound field as a sequence first and catches the error, a
    dozen times a control. `selected` in the context: for a drop-down, the value the results
    were worked out with."""
    selected = context.get("selected")
    widget = bound_field.field.widget
    errors = bound_field.errors
    control = {
        "id": bound_field.id_for_label,
        "name": bound_field.html_name,
        "label": bound_field.label,
        "input_type": widget.input_type,
        "errors": " ".join(errors),
    }
    if widget.input_type == "select":
        control["options"] = [
            (value, label, value == selected) for value, label in bound_field.field.choices
        ]
        return control
    # A number that failed its check is not shown back (the browser would refuse it anyway);
    # text is, so the reader can mend it.
    value = bound_field.value()
    shown = not errors or widget.input_type == "text"
    control["value"] = str(value)[:100] if shown and value is not None else ""
    control["attrs"] = list(widget.attrs.items())
    return control
