"""The page numbers GOV.UK pagination shows: the first and last, the current page and its
neighbours, and ellipses between (Django's elided page range: the same cost for 3 pages or
3,000, where looping over every page number in the template grew with the data)."""

from django import template
from django.core.paginator import Paginator

register = template.Library()


@register.filter
def page_numbers(page) -> list[dict]:
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return [
        {"ellipsis": True}
        if n == Paginator.ELLIPSIS
        else {"number": n, "current": n == page.number}
        for n in numbers
    ]
