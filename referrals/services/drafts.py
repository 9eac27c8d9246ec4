"""Starting a referral and saving it as a draft, page by page and row by row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import diff, snapshot
from cases.models import Agency, Membership, User
from cases.services.cases import next_reference_number
from cases.validators import normalise_nhs_number
from referrals import permissions
from referrals.choices import LookupKind
from referrals.lookups import lookups
from referrals.models import Referral, ReferralAgencyContact, ReferralChild, ReferralPerson
from referrals.services._common import audit, locked, require
from referrals.state import transition_check

REFERRER_FIELDS = (
    "referrer_name",
    "referrer_job_title",
    "referrer_organisation",
    "referrer_phone",
    "referrer_email",
    "referrer_address",
)
DRAFT_FIELDS = (
    *REFERRER_FIELDS,
    "external_source",
    "incident_date",
    "incident_location",
    "harm",
    "what_happened",
    "why_now",
    "immediate_action",
    "reasons",
    "reason_other",
    "reason_comment",
    "characteristics",
    "characteristics_other",
    "siblings_on_plan",
    "criminal_proceedings",
    "conviction",
    "proceedings_details",
    "discussed_with",
    "discussed_on",
    "discussion_outcome",
    "summary_of_events",
    "why_meets_criteria",
    "what_worked_well",
    "worries",
    "key_issues",
    "key_worker_consulted",
    "key_worker_views",
    "involve_family",
    "family_involvement_views",
    "family_not_involved_reasons",
    "anything_else",
)
CHILD_FIELDS = (
    "first_name",
    "last_name",
    "aliases",
    "date_of_birth",
    "date_of_death",
    "nhs_number",
    "sex",
    "gender_identity",
    "address",
    "ethnicity",
    "ethnicity_other",
    "disability",
    "faith",
    "first_language",
    "education_provision",
    "carer_at_time",
    "legal_status",
    "cp_plan_status",
    "cp_plan_category",
    "cp_plan_start",
    "cin_status",
    "tac_status",
    "lac_status",
)
PERSON_FIELDS = (
    "role",
    "relationship_to_child",
    "first_name",
    "last_name",
    "date_of_birth",
    "nhs_number",
    "address",
    "ethnicity",
    "ethnicity_other",
    "legal_status",
    "cp_plan_status",
    "cp_plan_category",
)
CONTACT_FIELDS = (
    "agency",
    "agency_name",
    "practitioner_name",
    "contact_details",
    "involvement",
    "involved_from",
    "involved_to",
    "still_involved",
)
COLLECTION_MODELS = {
    "children": (ReferralChild, CHILD_FIELDS),
    "family": (ReferralPerson, PERSON_FIELDS),
    "agencies": (ReferralAgencyContact, CONTACT_FIELDS),
}
COLLECTION_NOUNS = {"children": "child", "family": "person", "agencies": "agency"}


def _prefill(membership: Membership, actor: User) -> dict:
    return {
        "referrer_name": actor.full_name,
        "referrer_email": actor.email,
        "referrer_job_title": membership.job_title,
        "referrer_phone": membership.phone,
        "referrer_organisation": membership.agency.name if membership.agency_id else "",
    }


def _next_reference(partnership) -> str:
    return f"{partnership.code}-R-{next_reference_number(partnership, 'referral'):04d}"


@transaction.atomic
def referral_create(*, actor: User, membership: Membership) -> Referral:
    """Start an agency referral, contact details prefilled from the user."""
    require(
        permissions.can_start_referral(membership),
        "Only staff of an agency can start a referral for it.",
    )
    referral = Referral.objects.create(
        partnership=membership.partnership,
        reference=_next_reference(membership.partnership),
        agency=membership.agency,
        created_by=actor,
        **_prefill(membership, actor),
    )
    audit(
        actor=actor,
        referral=referral,
        action="create",
        changes={"status": [None, "draft"], "reference": [None, referral.reference]},
    )
    return referral


@transaction.atomic
def referral_create_external(
    *,
    actor: User,
    membership: Membership,
    external_source: str,
    referrer_organisation: str = "",
    referrer_name: str = "",
    referrer_phone: str = "",
    referrer_email: str = "",
) -> Referral:
    """Record a referral from someone without an account (the coroner, the child death overview
    panel), entered by the business manager on their behalf and recorded as such."""
    require(
        permissions.can_record_external_referral(membership),
        "Only a business manager can record a referral on someone's behalf.",
    )
    referral = Referral(
        partnership=membership.partnership,
        reference=_next_reference(membership.partnership),
        created_by=actor,
        is_external=True,
        external_source=external_source,
        referrer_organisation=referrer_organisation,
        referrer_name=referrer_name,
        referrer_phone=referrer_phone,
        referrer_email=referrer_email,
    )
    referral.full_clean()
    referral.save()
    audit(
        actor=actor,
        referral=referral,
        action="create",
        changes={
            "status": [None, "draft"],
            "reference": [None, referral.reference],
            "external_source": [None, external_source],
        },
        note="Entered by the business manager on behalf of an external referrer.",
    )
    return referral


def _check_lookup_keys(referral: Referral, field: str, kind: str, keys) -> None:
    if not isinstance(keys, list | tuple) or not all(isinstance(k, str) for k in keys):
        raise ValidationError({field: "Choose from the list."})
    known = {item.key for item in lookups(referral.partnership, kind, include_retired=True)}
    active = {item.key for item in lookups(referral.partnership, kind)}
    already = set(getattr(referral, field) or [])
    unknown = [k for k in keys if k not in active and not (k in known and k in already)]
    if unknown:
        raise ValidationError({field: f"Choose from the list (not {', '.join(unknown)})."})


def _no_future(obj, *names: str) -> None:
    today = timezone.localdate()
    errors = {}
    for name in names:
        value = getattr(obj, name, None)
        if value and value > today:
            label = obj._meta.get_field(name).verbose_name
            errors[name] = f"{str(label)[:1].upper()}{str(label)[1:]} must be today or in the past"
    if errors:
        raise ValidationError(errors)


def _editable(membership: Membership, referral: Referral) -> Referral:
    require(permissions.can_edit_referral(membership, referral), "You cannot change this referral.")
    fresh = locked(referral)
    transition_check(fresh, "save_draft")
    return fresh


@transaction.atomic
def referral_save_draft(
    *, actor: User, membership: Membership, referral: Referral, **fields
) -> Referral:
    """Save some of the form's answers. Nothing is required here: see referrals.completeness."""
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"Not part of the referral form: {', '.join(sorted(unknown))}")
    referral = _editable(membership, referral)
    if "external_source" in fields and not referral.is_external:
        raise ValidationError({"external_source": "Only an external referral has a source."})
    if "reasons" in fields:
        _check_lookup_keys(referral, "reasons", LookupKind.REASON, fields["reasons"])
    if "characteristics" in fields:
        _check_lookup_keys(
            referral, "characteristics", LookupKind.CHARACTERISTIC, fields["characteristics"]
        )
    before = snapshot(referral, fields)
    for name, value in fields.items():
        if value is None and name not in ("incident_date", "discussed_on"):
            value = [] if name in ("reasons", "characteristics") else ""
        setattr(referral, name, value)
    referral.full_clean(exclude=["case", "agency", "created_by"])
    _no_future(referral, "incident_date", "discussed_on")
    referral.save()
    changes = diff(before, snapshot(referral, fields))
    if changes:
        audit(actor=actor, referral=referral, action="save_draft", changes=changes)
    return referral


def _clean_item(item, referral: Referral) -> None:
    if getattr(item, "nhs_number", ""):
        item.nhs_number = normalise_nhs_number(item.nhs_number)
    for name in ("first_name", "last_name"):
        if hasattr(item, name):
            setattr(item, name, getattr(item, name).strip())
    item.full_clean(exclude=["referral", "partnership", "subject"])
    _no_future(
        item, *[n for n in ("date_of_birth", "date_of_death", "cp_plan_start") if hasattr(item, n)]
    )
    errors = {}
    dob, dod = getattr(item, "date_of_birth", None), getattr(item, "date_of_death", None)
    if dob and dod and dod < dob:
        errors["date_of_death"] = "Date of death must be the same as or after the date of birth"
    start, end = getattr(item, "involved_from", None), getattr(item, "involved_to", None)
    if start and end and end < start:
        errors["involved_to"] = "The end of the involvement must be after its start"
    agency = getattr(item, "agency", None)
    if isinstance(agency, Agency) and agency.partnership_id != referral.partnership_id:
        errors["agency"] = "Choose an agency of this partnership"
    if errors:
        raise ValidationError(errors)


def _item_fields(collection: str, fields: dict):
    if collection not in COLLECTION_MODELS:
        raise ValueError(f"Unknown list {collection!r}")
    model, allowed = COLLECTION_MODELS[collection]
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not part of this list: {', '.join(sorted(unknown))}")
    return model, {k: ("" if v is None and k not in _NULLABLE else v) for k, v in fields.items()}


_NULLABLE = {
    "date_of_birth",
    "date_of_death",
    "cp_plan_start",
    "agency",
    "involved_from",
    "involved_to",
}


@transaction.atomic
def referral_item_add(
    *, actor: User, membership: Membership, referral: Referral, collection: str, **fields
):
    """Add a child, a family member or an involved agency to a draft."""
    model, fields = _item_fields(collection, fields)
    referral = _editable(membership, referral)
    item = model(partnership_id=referral.partnership_id, referral=referral, **fields)
    _clean_item(item, referral)
    item.save()
    referral.save(update_fields=["updated_at"])
    audit(
        actor=actor,
        referral=referral,
        action=f"{COLLECTION_NOUNS[collection]}_add",
        changes={k: [None, v] for k, v in snapshot(item).items() if v not in (None, "")},
    )
    return item


@transaction.atomic
def referral_item_update(*, actor: User, membership: Membership, item, **fields):
    collection = next(c for c, (m, _) in COLLECTION_MODELS.items() if isinstance(item, m))
    _, fields = _item_fields(collection, fields)
    referral = _editable(membership, item.referral)
    item = type(item).objects.select_for_update().get(pk=item.pk, archived_at__isnull=True)
    before = snapshot(item, fields)
    for name, value in fields.items():
        setattr(item, name, value)
    _clean_item(item, referral)
    item.save()
    referral.save(update_fields=["updated_at"])
    changes = diff(before, snapshot(item, fields))
    if changes:
        audit(
            actor=actor,
            referral=referral,
            action=f"{COLLECTION_NOUNS[collection]}_update",
            changes={"row": [None, item.pk], **changes},
        )
    return item


@transaction.atomic
def referral_item_remove(*, actor: User, membership: Membership, item) -> None:
    """Remove a row from a draft (archived, never deleted)."""
    collection = next(c for c, (m, _) in COLLECTION_MODELS.items() if isinstance(item, m))
    referral = _editable(membership, item.referral)
    item.archived_at = timezone.now()
    item.save(update_fields=["archived_at", "updated_at"])
    referral.save(update_fields=["updated_at"])
    audit(
        actor=actor,
        referral=referral,
        action=f"{COLLECTION_NOUNS[collection]}_remove",
        changes={"row": [item.pk, None]},
        note=str(item)[:200],
    )
