"""Post an admin change form as a browser would: every field as the form shows it."""

import datetime


def _posted(value):
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(getattr(item, "pk", item)) for item in value]
    return str(getattr(value, "pk", value))


def _form_data(form, data):
    for bound in form:
        value = _posted(bound.value())
        if value is not None:
            data[bound.html_name] = value


def change_form_data(client, url, **changes):
    """The form data the change page at `url` would post, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_data(formset.management_form, data)
        for form in formset.forms:
            _form_data(form, data)
    for name, value in changes.items():
        # A translated field is posted as its English and Spanish columns: a change named
        # by the field is a change to its English.
        english = f"{name}_en"
        data[english if english in data and name not in data else name] = value
    return data
