"""Two partnerships with a member in every role each, and an outsider (after healthchecks'
alice/bob/charlie). Each side also has one record of every kind, for the tenant crawler."""

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import AgencyType, Role
from tests.factories import AgencyFactory, PartnershipFactory, UserFactory, make_member

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages"
    b"/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Side:
    partnership: object
    agencies: dict
    members: dict  # role -> Membership
    all_roles: object  # a member holding every role
    case: object = None
    subject: object = None
    note: object = None
    attachment: object = None
    invitation: object = None
    extra: dict = field(default_factory=dict)

    def user(self, role):
        return self.members[role].user


@dataclass
class World:
    alpha: Side
    beta: Side
    outsider: object


def _side(name: str, code: str) -> Side:
    partnership = PartnershipFactory(
        name=f"{name} Safeguarding Partnership", slug=name.lower(), code=code
    )
    agencies = {
        "la": AgencyFactory(
            partnership=partnership,
            name=f"{name} Council",
            agency_type=AgencyType.LOCAL_AUTHORITY,
            is_statutory_partner=True,
        ),
        "police": AgencyFactory(
            partnership=partnership,
            name=f"{name} Police",
            agency_type=AgencyType.POLICE,
            is_statutory_partner=True,
        ),
        "health": AgencyFactory(
            partnership=partnership,
            name=f"{name} ICB",
            agency_type=AgencyType.HEALTH,
            is_statutory_partner=True,
        ),
        "school": AgencyFactory(
            partnership=partnership, name=f"{name} Academy", agency_type=AgencyType.EDUCATION
        ),
    }
    members = {}
    for role in Role:
        agency = agencies["police"] if role in (Role.SLO, Role.AGENCY_STAFF) else None
        members[role] = make_member(
            partnership,
            role,
            agency=agency,
            email=f"{role.value}@{name.lower()}.test",
            full_name=f"{name} {role.label}",
        )
    all_roles = make_member(
        partnership,
        *Role.values,
        agency=agencies["la"],
        email=f"all@{name.lower()}.test",
        full_name=f"{name} Everything",
    )
    return Side(partnership=partnership, agencies=agencies, members=members, all_roles=all_roles)


def _records(side: Side) -> None:
    from cases.services import cases as case_services
    from cases.services import documents as document_services
    from cases.services import people as people_services
    from cases.services import subjects as subject_services

    bm = side.members[Role.BUSINESS_MANAGER]
    side.case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child T",
        incident_date=datetime.date(2026, 1, 5),
        agencies=[side.agencies["police"]],
    )
    side.subject = subject_services.subject_add(
        actor=bm.user,
        membership=bm,
        case=side.case,
        role="child",
        first_name="Test",
        last_name="Child",
        nhs_number="9434765919",
    )
    side.note = document_services.case_note_add(
        actor=bm.user, membership=bm, case=side.case, text="A note."
    )
    side.attachment = document_services.attachment_add(
        actor=bm.user,
        membership=bm,
        case=side.case,
        uploaded=SimpleUploadedFile("report.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    side.invitation, _ = people_services.invitation_create(
        actor=bm.user,
        membership=bm,
        email=f"new@{side.partnership.slug}.test",
        roles=[Role.AGENCY_STAFF],
        agency=side.agencies["school"],
    )


def build_world() -> World:
    alpha = _side("Alpha", "ALP")
    beta = _side("Beta", "BET")
    for side in (alpha, beta):
        _records(side)
    outsider = UserFactory(email="outsider@example.test", full_name="Charlie Outsider")
    return World(alpha=alpha, beta=beta, outsider=outsider)
