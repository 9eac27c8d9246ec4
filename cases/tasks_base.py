"""Base classes for Celery tasks: every task runs in a declared tenant scope.

- PartnershipTask: the task takes ``partnership_id`` as a keyword argument and runs inside that
  partnership's scope (django-scopes), as requests do in PartnershipMiddleware; a scoped query
  for another partnership's rows returns nothing, and one without a scope raises.
- SystemTask: a sweep across every partnership (the reminder sweep). Scopes are disabled
  explicitly, and every query it makes names its partnerships itself.
"""

from celery import Task

from cases.tenancy import partnership_scope, scopes_disabled


class PartnershipTask(Task):
    abstract = True

    def __call__(self, *args, **kwargs):
        partnership_id = kwargs.get("partnership_id")
        if not isinstance(partnership_id, int) or isinstance(partnership_id, bool):
            raise TypeError(f"{self.name} needs partnership_id=<int> as a keyword argument")
        with partnership_scope(partnership_id):
            return super().__call__(*args, **kwargs)


class SystemTask(Task):
    abstract = True

    def __call__(self, *args, **kwargs):
        with scopes_disabled():
            return super().__call__(*args, **kwargs)
