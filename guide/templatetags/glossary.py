from django import template

from guide.glossary import BY_KEY

register = template.Library()


@register.inclusion_tag("guide/includes/glossary_links.html")
def glossary_links(*keys):
    """ "Words explained: clock hours, academic year · Glossary", each word linking to its entry:
    `{% glossary_links "clock-hours" "academic-year" %}`. An unknown key is a KeyError, so a
    renamed entry fails the page's tests rather than linking nowhere."""
    return {"terms": [BY_KEY[key] for key in keys]}
