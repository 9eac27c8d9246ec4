"""Saving and resetting a partnership's wording of a registered letter or leaflet
(cases.document_templates). Business managers only; every error at once; audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from cases import permissions
from cases.audit import audit_record
from cases.document_templates import (
    BODY_LIMIT,
    TITLE_LIMIT,
    current_wording,
    placeholder_problems,
    template_spec,
)
from cases.models import DocumentTemplate, Membership, User

NOT_ALLOWED = "Only a business manager changes the partnership's letters and templates."


def _spec(membership: Membership, key: str):
    if not permissions.can_manage_workflow(membership):
        raise PermissionDenied(NOT_ALLOWED)
    spec = template_spec(key)
    if spec is None:
        raise Http404("No such template")
    return spec


def document_template_check(*, key: str, title: str, body: str) -> dict[str, str]:
    """The errors of a title and body for the template `key`, every one at once."""
    spec = template_spec(key)
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "Enter the title"
    elif len(title) > TITLE_LIMIT:
        errors["title"] = f"The title must be {TITLE_LIMIT} characters or fewer"
    elif problems := placeholder_problems(title, spec):
        errors["title"] = " ".join(f"{p}." for p in problems)
    if not body:
        errors["body"] = "Enter the text of the letter"
    elif len(body) > BODY_LIMIT:
        errors["body"] = "The text must be 20,000 characters or fewer"
    elif problems := placeholder_problems(body, spec):
        errors["body"] = " ".join(f"{p}." for p in problems)
    return errors


@transaction.atomic
def document_template_save(
    *, actor: User, membership: Membership, key: str, title: str, body: str
) -> DocumentTemplate:
    spec = _spec(membership, key)
    title = (title or "").strip()
    body = (body or "").replace("\r\n", "\n").strip()
    errors = document_template_check(key=key, title=title, body=body)
    if errors:
        raise ValidationError(errors)
    partnership = membership.partnership
    before_title, before_body, _own = current_wording(partnership, key)
    row, _created = DocumentTemplate.objects.select_for_update().get_or_create(
        partnership=partnership,
        key=key,
        defaults={"title": title, "body": body, "updated_by": actor},
    )
    row.title, row.body, row.is_active, row.updated_by = title, body, True, actor
    row.save()
    changes = {}
    if before_title != title:
        changes["title"] = [before_title, title]
    if before_body != body:
        changes["body"] = [before_body, body]
    audit_record(
        actor=actor,
        partnership=partnership,
        action="document_template.save",
        obj=row,
        changes={"template": [None, spec.label], **changes},
    )
    return row


@transaction.atomic
def document_template_reset(*, actor: User, membership: Membership, key: str) -> None:
    """Back to the registered wording; the partnership's text is kept on the row, unused."""
    spec = _spec(membership, key)
    partnership = membership.partnership
    row = (
        DocumentTemplate.objects.select_for_update()
        .filter(partnership=partnership, key=key, is_active=True)
        .first()
    )
    if row is None:
        return
    row.is_active = False
    row.updated_by = actor
    row.save(update_fields=["is_active", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        partnership=partnership,
        action="document_template.reset",
        obj=row,
        changes={
            "template": [None, spec.label],
            "title": [row.title, spec.title],
            "body": [row.body, spec.default_body],
        },
    )
