"""The partnership receives a referral: the case is opened (or the referral linked to the case
the child already has), the people become the case's subjects and the triage clock starts from
the day of receipt."""

import datetime
import itertools

from django.core.exceptions import ValidationError
from django.db import transaction

from cases.audit import audit_record
from cases.errors import DomainError
from cases.models import (
    Agency,
    Case,
    CaseStage,
    Deadline,
    Membership,
    Subject,
    SubjectRole,
    User,
)
from cases.permissions import visible_cases
from cases.services.cases import case_archive, case_create, case_stage_set
from cases.services.deadlines import stage_close, stage_start
from cases.services.subjects import subject_add
from referrals import permissions
from referrals.models import Referral, ReferralAgencyContact, ReferralChild, ReferralPerson
from referrals.selectors import possible_duplicates
from referrals.services import notify
from referrals.services._common import audit, locked, require
from referrals.state import transition_check


def _case_title(referral: Referral) -> str:
    """ "Child R", or "Child R2" when the partnership already has a live "Child R": titles tell
    cases apart in every list (issue 11)."""
    child = ReferralChild.objects.filter(referral=referral, archived_at__isnull=True).first()
    initial = (child.last_name or child.first_name)[:1].upper() if child else ""
    if not initial.isalpha():
        return f"Referral received {referral.received_on:%d %b %Y}"
    base = f"Child {initial}"
    taken = set(
        Case.objects.filter(
            partnership=referral.partnership_id,
            archived_at__isnull=True,
            title__startswith=base,
        ).values_list("title", flat=True)
    )
    return next(
        t for n in itertools.count(1) if (t := base if n == 1 else f"{base}{n}") not in taken
    )


def _same_person(item, subjects: list[Subject]) -> Subject | None:
    for s in subjects:
        if item.nhs_number and s.nhs_number == item.nhs_number:
            return s
        if (
            item.first_name
            and item.date_of_birth
            and s.first_name.lower() == item.first_name.lower()
            and s.last_name.lower() == item.last_name.lower()
            and s.date_of_birth == item.date_of_birth
        ):
            return s
    return None


def _subject_fields(item) -> dict:
    common = {
        "first_name": item.first_name or "Not known",
        "last_name": item.last_name,
        "date_of_birth": item.date_of_birth,
        "nhs_number": item.nhs_number,
        "address": item.address,
        "ethnicity": item.ethnicity,
        "ethnicity_other": item.ethnicity_other,
        "legal_status": item.legal_status,
        "cp_plan_status": item.cp_plan_status,
        "cp_plan_category": item.cp_plan_category,
    }
    if isinstance(item, ReferralChild):
        return {
            **common,
            "role": SubjectRole.CHILD,
            "aliases": item.aliases,
            "date_of_death": item.date_of_death,
            "sex": item.sex,
            "gender_identity": item.gender_identity,
            "disability": item.disability,
            "faith": item.faith,
            "first_language": item.first_language,
        }
    return {
        **common,
        "role": item.role or SubjectRole.SIGNIFICANT_OTHER,
        "relationship_to_child": item.relationship_to_child,
    }


def _add_agencies(*, actor: User, referral: Referral, case: Case) -> None:
    """The referring agency and every agency the referral names as involved join the case, so
    their staff can see it (issue 11)."""
    wanted = {referral.agency_id} if referral.agency_id else set()
    wanted |= set(
        ReferralAgencyContact.objects.filter(
            referral=referral, archived_at__isnull=True, agency__isnull=False
        ).values_list("agency_id", flat=True)
    )
    before = set(case.agencies.values_list("pk", flat=True))
    added = wanted - before
    if not added:
        return
    case.agencies.add(*added)
    names = dict(Agency.objects.filter(pk__in=before | added).values_list("pk", "name"))
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="case.update",
        obj=case,
        case=case,
        changes={
            "agencies": [
                sorted(names[pk] for pk in before),
                sorted(names[pk] for pk in before | added),
            ]
        },
        note=f"Agencies involved, from referral {referral.reference}.",
    )


def _attach(*, actor: User, membership: Membership, referral: Referral, case: Case) -> None:
    """Make the referral's people the case's subjects (reusing a person the case already has),
    add the agencies it names to the case and start the triage clock."""
    existing = list(Subject.objects.filter(case=case, archived_at__isnull=True))
    for model in (ReferralChild, ReferralPerson):
        for item in model.objects.filter(referral=referral, archived_at__isnull=True):
            subject = _same_person(item, existing) or subject_add(
                actor=actor,
                membership=membership,
                case=case,
                check_permission=False,
                **_subject_fields(item),
            )
            existing.append(subject)
            item.subject = subject
            item.save(update_fields=["subject", "updated_at"])
    _add_agencies(actor=actor, referral=referral, case=case)
    if case.stage in (CaseStage.REFERRAL, CaseStage.CLOSED):
        case_stage_set(actor=actor, case=case, stage=CaseStage.TRIAGE, reason="Referral received")
    if not Deadline.objects.filter(case=case, stage="triage").exists():
        stage_start(actor=actor, case=case, stage="triage", day_zero=referral.received_on)


def receive(
    *, actor: User, membership: Membership, referral: Referral, received_on: datetime.date
) -> Referral:
    """Called inside referral_authorise's transaction, after its checks. A case is always
    opened: whether the child may already have one is for the business manager alone to see
    (selectors.possible_duplicates) and act on (referral_link_case), so nothing the referrer
    sees differs between "matches a case", "matches a restricted case" and "matches nothing"."""
    referral.received_on = received_on
    case = case_create(
        actor=actor,
        membership=membership,
        title=_case_title(referral),
        incident_date=referral.incident_date,
        agencies=[referral.agency] if referral.agency_id else [],
        stage=CaseStage.TRIAGE,
        check_permission=False,
    )
    referral.case = case
    referral.save(update_fields=["case", "received_on", "updated_at"])
    _attach(actor=actor, membership=membership, referral=referral, case=case)
    return referral


@transaction.atomic
def referral_link_case(
    *, actor: User, membership: Membership, referral: Referral, case: Case
) -> Referral:
    """Move a received referral to the case the child already has: its people join that case
    (once each) and the case opened for it on receipt, which holds nothing else, is archived.
    Only a case the business manager can see, and one offered as a possible duplicate."""
    require(permissions.can_triage(membership, referral), "Only a business manager can do this.")
    referral = locked(referral)
    transition_check(referral, "link_case")
    opened = referral.case
    if opened is not None and opened.pk == case.pk:
        raise DomainError(f"The referral is already on case {case.reference}.")
    if not visible_cases(membership).filter(pk=case.pk).exists():
        raise ValidationError({"case": "Choose one of the cases offered."})
    offered = {m.case.pk for m in possible_duplicates(membership=membership, referral=referral)}
    if case.pk not in offered:
        raise ValidationError({"case": "That case does not match anyone on the referral."})
    if opened is not None and Referral.objects.filter(case=opened).exclude(pk=referral.pk).exists():
        raise DomainError(
            f"Case {opened.reference} has other referrals: "
            f"it cannot be merged into {case.reference}."
        )
    referral.case = case
    referral.save(update_fields=["case", "updated_at"])
    _attach(actor=actor, membership=membership, referral=referral, case=case)
    if opened is not None:
        for stage in (
            Deadline.objects.filter(case=opened).values_list("stage", flat=True).distinct()
        ):
            stage_close(
                actor=actor, case=opened, stage=stage, reason=f"Merged into {case.reference}."
            )
        case_archive(
            actor=actor,
            membership=membership,
            case=opened,
            reason=f"Opened for a referral that belongs to {case.reference}: merged into it.",
        )
    event = audit(
        actor=actor,
        referral=referral,
        action="link_case",
        changes={"case": [opened.reference if opened else None, case.reference]},
        note="Moved to the case the child already has instead of keeping a second one.",
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.referrer(referral),
        headline="Your referral has been added to a case the partnership already has.",
        actor=actor,
    )
    return referral
