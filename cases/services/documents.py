from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cases import permissions
from cases.audit import access_record, audit_created, audit_record
from cases.models import AccessKind, Attachment, Case, CaseNote, Membership, User
from cases.uploads import check_upload


@transaction.atomic
def case_note_add(*, actor: User, membership: Membership, case: Case, text: str) -> CaseNote:
    if not permissions.can_contribute_to_case(membership, case):
        raise PermissionDenied("You cannot add notes to this case.")
    note = CaseNote(partnership_id=case.partnership_id, case=case, author=actor, text=text)
    note.full_clean()
    note.save()
    audit_created(actor=actor, partnership=case.partnership, obj=note, case=case)
    return note


@transaction.atomic
def attachment_add(
    *, actor: User, membership: Membership, case: Case, uploaded, description: str = ""
) -> Attachment:
    if not permissions.can_contribute_to_case(membership, case):
        raise PermissionDenied("You cannot add documents to this case.")
    return attachment_store(actor=actor, case=case, uploaded=uploaded, description=description)


def attachment_store(*, actor: User, case: Case, uploaded, description: str = "") -> Attachment:
    """Check, store and audit an uploaded file as a document of the case, for a service that
    has already decided the actor may (attachment_add; the evidence of a statutory notice,
    cases.services.notices)."""
    checked = check_upload(uploaded)
    attachment = Attachment(
        partnership_id=case.partnership_id,
        case=case,
        uploaded_by=actor,
        original_name=uploaded.name[:255],
        description=description,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(uploaded.name, uploaded, save=False)
    attachment.save()
    audit_created(actor=actor, partnership=case.partnership, obj=attachment, case=case)
    return attachment


@transaction.atomic
def attachment_archive(
    *, actor: User, membership: Membership, attachment: Attachment, reason: str = ""
) -> Attachment:
    if not permissions.can_edit_case(membership, attachment.case):
        raise PermissionDenied("You cannot remove documents from this case.")
    attachment.archived_at = timezone.now()
    attachment.save(update_fields=["archived_at"])
    audit_record(
        actor=actor,
        partnership=attachment.case.partnership,
        action="attachment.archive",
        obj=attachment,
        case=attachment.case,
        note=reason,
        changes={"archived_at": [None, attachment.archived_at.isoformat()]},
    )
    return attachment


def attachment_open(*, actor: User, membership: Membership, attachment: Attachment, meeting=None):
    """Open the stored file for download, after the permission check, and log the download.
    With `meeting`: one of its papers, for an invitee who may not otherwise see the case."""
    if meeting is not None:
        allowed = (
            permissions.can_view_meeting(membership, meeting)
            and meeting.documents.filter(pk=attachment.pk).exists()
        )
    else:
        allowed = permissions.can_view_case(membership, attachment.case)
    if not allowed:
        raise PermissionDenied("You cannot download this document.")
    access_record(
        user=actor,
        case=attachment.case,
        kind=AccessKind.DOWNLOAD_DOCUMENT,
        object_repr=attachment.original_name,
    )
    return attachment.file.open("rb")
