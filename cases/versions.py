"""Numbered versions of a record (a review's terms of reference, ...): version 1, 2, 3 of the
same thing, the newest the current one, the old ones kept. Shared by the stage apps."""

from django.db.models import Max, QuerySet


def latest_version(versions: QuerySet):
    """The newest of `versions` (a queryset of one record's versions), or None."""
    return versions.order_by("-version").first()


def next_version_number(versions: QuerySet) -> int:
    """The number the next version takes: 1 for the first."""
    return (versions.aggregate(highest=Max("version"))["highest"] or 0) + 1
