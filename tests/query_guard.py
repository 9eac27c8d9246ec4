"""Query-count guard for list pages: the same number of queries for 5 rows and for 500.

    from tests.query_guard import assert_constant_queries

    def grow(n):  # add n more rows the page lists; bulk_create where services would be slow
        Case.objects.bulk_create(...)

    assert_constant_queries(client, url, grow)

The page is requested once to warm caches (content types, sessions), then measured with `small`
rows and again after growing to `large`. A difference means a query per row (a missing
select_related / prefetch_related); the failure lists the queries that only the bigger page ran.
"""

import re
from collections import Counter
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

_LITERALS = re.compile(r"('(?:[^']|'')*'|\"s\d+_x\d+\"|\b\d+\b)")
_IN_LIST = re.compile(r"IN \(\?(?:, \?)*\)")


def _shape(sql: str) -> str:
    """The query with its literals, savepoint names and IN-list lengths blanked out."""
    return _IN_LIST.sub("IN (...)", _LITERALS.sub("?", sql))


def count_queries(client, url: str, *, status: int = 200, **extra) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    assert response.status_code == status, f"GET {url} answered {response.status_code}"
    return [q["sql"] for q in ctx.captured_queries]


def assert_constant_queries(
    client,
    url: str,
    grow: Callable[[int], object],
    *,
    small: int = 5,
    large: int = 500,
    **extra,
) -> int:
    """Assert GET url costs as many queries with `large` rows as with `small`; returns the count.

    `grow(n)` must add n more rows to what the page lists (it is called with `small`, then with
    `large - small`).
    """
    grow(small)
    count_queries(client, url, **extra)  # warm-up
    few = count_queries(client, url, **extra)
    grow(large - small)
    many = count_queries(client, url, **extra)
    if len(few) != len(many):
        extra_shapes = Counter(map(_shape, many)) - Counter(map(_shape, few))
        listing = "\n".join(f"  {n} x {sql[:300]}" for sql, n in extra_shapes.most_common(10))
        raise AssertionError(
            f"GET {url}: {len(few)} queries with {small} rows but {len(many)} with {large} "
            f"(a query per row?). Queries only the bigger page ran:\n{listing}"
        )
    return len(few)
