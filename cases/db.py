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


def trigram_indexes(table: str, columns: Sequence[str]):
    """The migration operation for GIN trigram indexes (pg_trgm, ADR 0012) on a table's name
    columns, named ``<table>_<column>_trgm``: they serve both ILIKE '%word%' and the similarity
    operator ``%`` of cases.search. Nothing on SQLite (no GIN there; the search falls back to a
    plain match)."""
    from cases.rls import PostgresOnlySQL

    forward = "".join(
        f"CREATE INDEX IF NOT EXISTS {table}_{c}_trgm ON {table} USING gin ({c} gin_trgm_ops);"
        for c in columns
    )
    backward = "".join(f"DROP INDEX IF EXISTS {table}_{c}_trgm;" for c in columns)
    return PostgresOnlySQL(forward, backward)
