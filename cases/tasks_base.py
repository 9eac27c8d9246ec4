"""Base classes for Celery tasks: every task runs in a declared tenant scope.

- PartnershipTask: the task takes ``partnership_id`` as a keyword argument and runs inside that
  partnership's scope (django-scopes and row-level security), as requests do in
  PartnershipMiddleware; a query for another partnership's rows returns nothing, and a scoped
  query without a scope raises.
- OutboxTask: sends outbox e-mails; with ``partnership_id`` inside that partnership's scope,
  without it (account e-mails) outside every partnership, in the outbox's own scope, where only
  rows of no partnership show.
- SystemTask: work across partnerships (the reminder sweep). Django-scopes is disabled, but the
  database still shows no partnership's rows: the task enters each partnership's scope in turn
  (ADR 0009). There is no path that sees every partnership at once.
"""

from celery import Task

from cases.tenancy import outbox_scope, partnership_scope, scopes_disabled


def _partnership_id(task: Task, kwargs: dict, *, required: bool) -> int | None:
    partnership_id = kwargs.get("partnership_id")
    if partnership_id is None and not required:
        return None
    if not isinstance(partnership_id, int) or isinstance(partnership_id, bool):
        raise TypeError(f"{task.name} needs partnership_id=<int> as a keyword argument")
    return partnership_id


class PartnershipTask(Task):
    abstract = True

    def __call__(self, *args, **kwargs):
        with partnership_scope(_partnership_id(self, kwargs, required=True)):
            return super().__call__(*args, **kwargs)


class OutboxTask(Task):
    abstract = True

    def __call__(self, *args, **kwargs):
        partnership_id = _partnership_id(self, kwargs, required=False)
        if partnership_id is None:
            with outbox_scope():
                return super().__call__(*args, **kwargs)
        with partnership_scope(partnership_id):
            return super().__call__(*args, **kwargs)


class SystemTask(Task):
    abstract = True

    def __call__(self, *args, **kwargs):
        with scopes_disabled():
            return super().__call__(*args, **kwargs)
