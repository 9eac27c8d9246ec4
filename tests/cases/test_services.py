"""The foundation's services: references, restricted access, subjects, archiving, people."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled

from cases import selectors
from cases.emails import email_enqueue, email_send
from cases.errors import DomainError
from cases.models import (
    Attachment,
    Case,
    EmailStatus,
    Invitation,
    Membership,
    OutboundEmail,
    Role,
    Subject,
)
from cases.permissions import can_view_case
from cases.services import cases as case_services
from cases.services import documents as document_services
from cases.services import people as people_services
from cases.services import subjects as subject_services
from cases.validators import nhs_number_is_valid, normalise_nhs_number
from tests.factories import PartnershipFactory, make_member

BM = Role.BUSINESS_MANAGER


def _bm(side):
    return side.members[BM]


def _new_case(side, **kwargs):
    bm = _bm(side)
    return case_services.case_create(
        actor=bm.user, membership=bm, title=kwargs.pop("title", "Child X"), **kwargs
    )


# --- Case references ----------------------------------------------------------------------------


def test_references_are_sequential_per_partnership(world):
    year = timezone.localdate().year
    alpha = [_new_case(world.alpha).reference for _ in range(3)]
    beta = _new_case(world.beta).reference
    assert alpha == [f"ALP-{year}-{n:04d}" for n in (2, 3, 4)]  # the world's case is 0001
    assert beta == f"BET-{year}-0002"


def test_references_restart_each_year(world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2031, 1, 2))
    first = _new_case(world.alpha).reference
    second = _new_case(world.alpha).reference
    assert (first, second) == ("ALP-2031-0001", "ALP-2031-0002")


@pytest.mark.django_db(transaction=True)
def test_references_stay_unique_under_concurrent_creation():
    partnership = PartnershipFactory(code="CON")
    bm = make_member(partnership, BM)
    errors = []
    barrier = threading.Barrier(6)

    def work():
        try:
            with scopes_disabled():
                membership = Membership.objects.get(pk=bm.pk)
                barrier.wait(timeout=10)
                for _ in range(3):
                    case_services.case_create(actor=bm.user, membership=membership, title="C")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    numbers = sorted(
        int(ref.rsplit("-", 1)[1])
        for ref in Case.objects.filter(partnership=partnership).values_list("reference", flat=True)
    )
    assert numbers == list(range(1, 19))


# --- Permissions and restricted access ----------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in Role if r != BM])
def test_only_a_business_manager_opens_cases(world, role):
    member = world.alpha.members[role]
    with pytest.raises(PermissionDenied):
        case_services.case_create(actor=member.user, membership=member, title="Nope")


def test_restricted_case_visible_to_its_creator_and_the_access_list_only(world):
    side = world.alpha
    bm = _bm(side)
    case = _new_case(side, is_restricted=True, agencies=[side.agencies["police"]])
    assert can_view_case(bm, case)
    for role in Role:
        if role != BM:
            assert not can_view_case(side.members[role], case), role
    case_services.case_access_grant(
        actor=bm.user, membership=bm, case=case, member=side.members[Role.EXECUTIVE]
    )
    assert can_view_case(side.members[Role.EXECUTIVE], case)
    listed = [p.user.email for p in case_services.case_access_list(case)]
    assert sorted(listed) == sorted([bm.user.email, side.user(Role.EXECUTIVE).email])
    case_services.case_access_revoke(
        actor=bm.user, membership=bm, case=case, member=side.members[Role.EXECUTIVE]
    )
    assert not can_view_case(side.members[Role.EXECUTIVE], case)


def test_restricting_a_case_keeps_the_business_manager_on_the_list(world):
    side = world.alpha
    other_bm = make_member(side.partnership, BM, email="bm2@alpha.test")
    bm = _bm(side)
    case_services.case_set_restricted(
        actor=bm.user, membership=bm, case=side.case, is_restricted=True
    )
    assert can_view_case(bm, side.case)
    assert not can_view_case(other_bm, side.case)
    assert not can_view_case(side.members[Role.SLO], side.case)
    case_services.case_set_restricted(
        actor=bm.user, membership=bm, case=side.case, is_restricted=False
    )
    assert can_view_case(side.members[Role.SLO], side.case)


def test_access_list_refuses_other_partnerships_and_self_removal(world):
    side = world.alpha
    bm = _bm(side)
    with pytest.raises(PermissionDenied):
        case_services.case_access_grant(
            actor=bm.user, membership=bm, case=side.case, member=world.beta.members[Role.SLO]
        )
    with pytest.raises(PermissionDenied):
        case_services.case_access_revoke(actor=bm.user, membership=bm, case=side.case, member=bm)
    slo = side.members[Role.SLO]
    with pytest.raises(PermissionDenied):
        case_services.case_access_grant(
            actor=slo.user, membership=slo, case=side.case, member=side.members[Role.EXECUTIVE]
        )


def test_case_update_ignores_another_partnerships_agency(world):
    side = world.alpha
    bm = _bm(side)
    case_services.case_update(
        actor=bm.user,
        membership=bm,
        case=side.case,
        agencies=[side.agencies["la"], world.beta.agencies["police"]],
    )
    assert list(side.case.agencies.all()) == [side.agencies["la"]]
    with pytest.raises(ValueError, match="reference"):
        case_services.case_update(actor=bm.user, membership=bm, case=side.case, reference="X")


# --- Subjects -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("9434765919", True),
        ("943 476 5919", True),
        ("943-476-5919", True),
        ("1000000060", True),  # the check digit computes to 11, which means 0
        ("9434765918", False),  # wrong check digit
        ("1000000010", False),  # the check digit computes to 10: never a valid number
        ("943476591", False),  # nine digits
        ("94347659190", False),  # eleven digits
        ("94347659A9", False),
        ("", False),
    ],
)
def test_nhs_number_modulus_11(number, valid):
    assert nhs_number_is_valid(number) is valid


def test_subject_nhs_number_is_validated_and_normalised(world):
    side = world.alpha
    bm = _bm(side)
    add = subject_services.subject_add
    subject = add(
        actor=bm.user,
        membership=bm,
        case=side.case,
        role="sibling",
        first_name="Sam",
        nhs_number="943 476 5919",
    )
    assert subject.nhs_number == "9434765919"
    for bad, message in (("9434765918", "check digit"), ("12345", "10 digits")):
        with pytest.raises(ValidationError) as exc:
            add(
                actor=bm.user,
                membership=bm,
                case=side.case,
                role="sibling",
                first_name="Sam",
                nhs_number=bad,
            )
        assert message in " ".join(exc.value.message_dict["nhs_number"])
    assert normalise_nhs_number(" 943-476 5919 ") == "9434765919"


def test_subject_refuses_bad_choices_missing_names_and_unknown_fields(world):
    side = world.alpha
    bm = _bm(side)
    kwargs = {"actor": bm.user, "membership": bm, "case": side.case}
    with pytest.raises(ValidationError) as exc:
        subject_services.subject_add(**kwargs, role="cousin", first_name="A", ethnicity="martian")
    assert {"role", "ethnicity"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        subject_services.subject_add(**kwargs, role="child", first_name="")
    assert "first_name" in exc.value.message_dict
    with pytest.raises(ValueError, match="partnership"):
        subject_services.subject_add(**kwargs, role="child", first_name="A", partnership=None)
    count = Subject.objects.filter(case=side.case).count()
    assert count == 1  # nothing half-saved


def test_subject_update_records_only_what_changed(world):
    side = world.alpha
    bm = _bm(side)
    subject_services.subject_update(
        actor=bm.user, membership=bm, subject=side.subject, first_name="Renamed", faith=""
    )
    side.subject.refresh_from_db()
    assert side.subject.first_name == "Renamed"
    slo = side.members[Role.SLO]
    with pytest.raises(PermissionDenied):
        subject_services.subject_update(
            actor=slo.user, membership=slo, subject=side.subject, first_name="X"
        )


# --- Archive, never delete ----------------------------------------------------------------------


def test_archiving_keeps_the_rows_and_hides_them(world):
    side = world.alpha
    bm = _bm(side)
    subject_services.subject_archive(actor=bm.user, membership=bm, subject=side.subject)
    document_services.attachment_archive(actor=bm.user, membership=bm, attachment=side.attachment)
    detail = selectors.case_detail(membership=bm, pk=side.case.pk)
    assert list(detail.subjects.all()) == []
    assert list(detail.attachments.all()) == []
    assert Subject.objects.get(pk=side.subject.pk).archived_at is not None
    stored = Attachment.objects.get(pk=side.attachment.pk)
    assert stored.archived_at is not None
    assert stored.file.storage.exists(stored.file.name)  # the file is kept too

    case_services.case_archive(actor=bm.user, membership=bm, case=side.case, reason="Duplicate")
    assert Case.objects.filter(pk=side.case.pk).exists()
    assert not selectors.case_list(membership=bm).filter(pk=side.case.pk).exists()
    with pytest.raises(Exception) as exc:
        selectors.case_for_user(membership=bm, pk=side.case.pk)
    assert type(exc.value).__name__ == "Http404"


def test_only_a_business_manager_archives(world):
    side = world.alpha
    slo = side.members[Role.SLO]
    with pytest.raises(PermissionDenied):
        case_services.case_archive(actor=slo.user, membership=slo, case=side.case, reason="x")
    with pytest.raises(PermissionDenied):
        document_services.attachment_archive(
            actor=slo.user, membership=slo, attachment=side.attachment
        )


# --- Notes and documents ------------------------------------------------------------------------


def test_contributions_follow_the_roles(world):
    side = world.alpha
    for role, allowed in (
        (Role.SLO, True),
        (Role.AGENCY_STAFF, False),
        (Role.EXECUTIVE, False),
        (Role.SCRUTINEER, False),
    ):
        member = side.members[role]
        if allowed:
            document_services.case_note_add(
                actor=member.user, membership=member, case=side.case, text="ok"
            )
        else:
            with pytest.raises(PermissionDenied):
                document_services.case_note_add(
                    actor=member.user, membership=member, case=side.case, text="no"
                )
    # Someone holding scrutineer alongside SLO can still contribute.
    both = make_member(side.partnership, Role.SLO, Role.SCRUTINEER, agency=side.agencies["police"])
    document_services.case_note_add(actor=both.user, membership=both, case=side.case, text="ok")


def test_download_checks_permission_first(world):
    side = world.alpha
    reviewer = side.members[Role.LEAD_REVIEWER]
    with pytest.raises(PermissionDenied):
        document_services.attachment_open(
            actor=reviewer.user, membership=reviewer, attachment=side.attachment
        )


# --- People -------------------------------------------------------------------------------------


def test_invitation_rules(world):
    side = world.alpha
    bm = _bm(side)
    invite = people_services.invitation_create
    base = {"actor": bm.user, "membership": bm}
    with pytest.raises(ValidationError) as exc:
        invite(**base, email=side.user(Role.SLO).email.upper(), roles=[Role.EXECUTIVE])
    assert "email" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        invite(**base, email="a@x.test", roles=[Role.SLO])
    assert "agency" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        invite(**base, email="a@x.test", roles=[Role.SLO], agency=world.beta.agencies["police"])
    assert "agency" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        invite(**base, email="a@x.test", roles=[])
    assert "roles" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        invite(**base, email="a@x.test", roles=["emperor"])
    assert "roles" in exc.value.message_dict
    slo = side.members[Role.SLO]
    with pytest.raises(PermissionDenied):
        invite(actor=slo.user, membership=slo, email="a@x.test", roles=[Role.EXECUTIVE])


def test_invitation_token_is_one_time_and_expires(world):
    side = world.alpha
    bm = _bm(side)
    invitation, token = people_services.invitation_create(
        actor=bm.user, membership=bm, email="New.Person@Example.test", roles=[Role.EXECUTIVE]
    )
    assert invitation.email == "new.person@example.test"
    assert token not in invitation.token_hash  # only the hash is stored
    membership = people_services.invitation_accept(
        token=token, full_name="New Person", password="a-long-enough-passphrase"
    )
    assert membership.partnership == side.partnership
    assert membership.role_set == {Role.EXECUTIVE}
    with pytest.raises(DomainError):
        people_services.invitation_accept(
            token=token, full_name="Again", password="a-long-enough-passphrase"
        )

    expired, expired_token = people_services.invitation_create(
        actor=bm.user, membership=bm, email="late@example.test", roles=[Role.EXECUTIVE]
    )
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    with pytest.raises(DomainError):
        people_services.invitation_by_token(expired_token)

    revoked, revoked_token = people_services.invitation_create(
        actor=bm.user, membership=bm, email="gone@example.test", roles=[Role.EXECUTIVE]
    )
    people_services.invitation_revoke(actor=bm.user, membership=bm, invitation=revoked)
    with pytest.raises(DomainError):
        people_services.invitation_by_token(revoked_token)
    with pytest.raises(DomainError):
        people_services.invitation_by_token("not-a-token")


def test_invitation_for_an_existing_account(world):
    """An independent reviewer already working for beta joins alpha with the same account."""
    side = world.alpha
    bm = _bm(side)
    reviewer = world.beta.user(Role.LEAD_REVIEWER)
    _, token = people_services.invitation_create(
        actor=bm.user, membership=bm, email=reviewer.email, roles=[Role.LEAD_REVIEWER]
    )
    with pytest.raises(DomainError, match="Sign in"):
        people_services.invitation_accept(token=token, full_name="X", password="long-password-1")
    with pytest.raises(DomainError, match="different"):
        people_services.invitation_accept(token=token, user=world.outsider)
    membership = people_services.invitation_accept(token=token, user=reviewer)
    assert set(reviewer.memberships.values_list("partnership__slug", flat=True)) == {
        "alpha",
        "beta",
    }
    assert membership.role_set == {Role.LEAD_REVIEWER}


def test_invitation_password_must_be_strong(world):
    bm = _bm(world.alpha)
    _, token = people_services.invitation_create(
        actor=bm.user, membership=bm, email="weak@example.test", roles=[Role.EXECUTIVE]
    )
    with pytest.raises(ValidationError):
        people_services.invitation_accept(token=token, full_name="Weak", password="password")
    # The token still works after a refused attempt.
    people_services.invitation_by_token(token)


def test_business_manager_cannot_remove_their_own_access(world):
    bm = _bm(world.alpha)
    with pytest.raises(DomainError):
        people_services.membership_update(
            actor=bm.user,
            membership=bm,
            target=bm,
            roles=[Role.EXECUTIVE],
            agency=None,
            is_active=True,
        )
    with pytest.raises(PermissionDenied):
        people_services.membership_update(
            actor=bm.user,
            membership=bm,
            target=world.beta.members[Role.SLO],
            roles=[Role.EXECUTIVE],
            agency=None,
            is_active=True,
        )
    slo = world.alpha.members[Role.SLO]
    updated = people_services.membership_update(
        actor=bm.user,
        membership=bm,
        target=slo,
        roles=[Role.SLO, Role.REVIEW_GROUP_MEMBER],
        agency=world.alpha.agencies["police"],
        is_active=False,
    )
    assert updated.role_set == {Role.SLO, Role.REVIEW_GROUP_MEMBER}
    assert not Membership.objects.active().filter(pk=slo.pk).exists()


# --- The e-mail outbox ---------------------------------------------------------------------------


def test_outbox_queues_once_per_key_and_sends_once(world):
    context = {"subject": "Hello", "body": "Body"}
    first = email_enqueue(key="k1", to="a@example.test", template="raw", context=context)
    assert email_enqueue(key="k1", to="a@example.test", template="raw", context=context) is None
    assert email_send(first.pk) is True
    assert email_send(first.pk) is False  # already sent: claimed at most once
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.get(pk=first.pk).status == EmailStatus.SENT


def test_outbox_records_a_failed_send(world, settings):
    settings.EMAIL_BACKEND = "tests.cases.test_services.BrokenBackend"
    email = email_enqueue(key="k2", to="a@example.test", template="raw", context={"body": "x"})
    assert email_send(email.pk) is False
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and "down" in email.last_error
    assert email.attempts == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down")
