"""Wide tables scroll inside their own region, never the page (WCAG 1.4.10 reflow at 320 px).

    {% load govuk_tables %}
    {% table_region "Changes to the case" %}<table class="govuk-table">…</table>
    {% endtable_region %}

The region is focusable (tabindex=0) so keyboard users can scroll it, and labelled (role=region,
aria-label: usually the table's caption). The markup lives in includes/_table_region.html, which
the shared table include (includes/table.html) uses as well.
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()


class TableRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label, self.nodelist = label, nodelist

    def render(self, context):
        return render_to_string(
            "includes/_table_region.html",
            {"label": self.label.resolve(context), "content": self.nodelist.render(context)},
        )


@register.tag
def table_region(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% table_region label %} takes one argument")
    nodelist = parser.parse(("endtable_region",))
    parser.delete_first_token()
    return TableRegionNode(parser.compile_filter(bits[1]), nodelist)
