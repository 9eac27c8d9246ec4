"""Database helpers the ORM lacks."""

from collections.abc import Sequence

from django.db.models import Model
from django.db.models.constants import OnConflict

BATCH = 1000


def insert_new(model: type[Model], objs: Sequence[Model]) -> int:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING id, in batches: how many rows were really
    inserted. bulk_create(ignore_conflicts=True) cannot tell, and two sweeps at once must not
    both report the rows only one of them wrote."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    inserted = 0
    for start in range(0, len(objs), BATCH):
        rows = model._base_manager._insert(
            objs[start : start + BATCH],
            fields=fields,
            returning_fields=[model._meta.pk],
            on_conflict=OnConflict.IGNORE,
        )
        inserted += len(rows or ())
    return inserted
