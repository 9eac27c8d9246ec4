"""Lists sorted by their columns (issue 11): whitelisted sort keys from the query string, and the
column headers' links and aria-sort. Each key names an order the list's selector serves from an
index (tests/test_query_plans.py), so a sort never costs a sort of every visible row."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool

    @property
    def direction(self) -> str:
        return "descending" if self.descending else "ascending"


def sort_from(request, keys: dict[str, bool], default: str) -> Sort:
    """The list's sort from ?sort=<key>&order=asc|desc; ``keys`` maps each allowed key to
    whether it starts descending (dates: newest first). Anything else: the default."""
    key = request.GET.get("sort", "")
    if key not in keys:
        return Sort(default, keys[default])
    order = request.GET.get("order", "")
    descending = keys[key] if order not in ("asc", "desc") else order == "desc"
    return Sort(key, descending)


def sort_headers(request, columns: list[tuple[str, str | None]], sort: Sort) -> list[dict]:
    """One dict per column (label; and for a sortable column the link that sorts by it,
    the other way round when it is the current sort, and aria_sort when it is)."""
    headers = []
    for label, key in columns:
        header = {"label": label, "key": key, "url": "", "aria_sort": "", "arrow": ""}
        if key:
            params = request.GET.copy()
            params.pop("page", None)
            current = key == sort.key
            descending = not sort.descending if current else None
            params["sort"] = key
            if descending is None:
                params.pop("order", None)
            else:
                params["order"] = "desc" if descending else "asc"
            header["url"] = "?" + params.urlencode()
            if current:
                header["aria_sort"] = sort.direction
                header["arrow"] = "\u25bc" if sort.descending else "\u25b2"
        headers.append(header)
    return headers
