"""Two partnerships with a member in every role each, and an outsider (after healthchecks'
alice/bob/charlie). Each side also has one record of every kind, for the tenant crawler."""

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import AgencyType, Role
from cases.models.roles import ROLES_NEEDING_AGENCY
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
        agency = agencies["police"] if role in ROLES_NEEDING_AGENCY else None
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


def shared_world_fixtures():
    """One world for a whole test module: for read-mostly parametrized tests (the tenant crawler,
    the role matrix) that would otherwise build a world per case.

    In a test module:  ``_shared_world_module, shared_world = shared_world_fixtures()``; tests
    then take ``shared_world`` instead of ``world``. The world is built once, inside a transaction
    rolled back when the module ends; each test still runs in its own savepoint, so whatever a
    test writes is undone after it, and so are records a test adds to ``side.extra``. Other
    Python objects are shared: do not change them in a test (use the ordinary ``world`` fixture
    for that). Attachment files get a directory of their own. Every database test of such a
    module must take ``shared_world`` (not ``world``): the module's transaction stays open, so a
    second world would collide with the first.
    """
    import pytest
    from django.db import transaction
    from django.test import override_settings
    from django_scopes import scopes_disabled

    def _storages(location) -> dict:
        from django.conf import settings

        return {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(location)},
            },
        }

    @pytest.fixture(scope="module")
    def _shared_world_module(django_db_setup, django_db_blocker, tmp_path_factory):
        files = tmp_path_factory.mktemp("shared-world-files")
        with django_db_blocker.unblock(), override_settings(STORAGES=_storages(files)):
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                with scopes_disabled():
                    built = build_world()
                yield built, files
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    @pytest.fixture
    def shared_world(_shared_world_module, db, settings):
        built, files = _shared_world_module
        settings.STORAGES = _storages(files)
        # Records made on first use (side.extra, e.g. tests/referrals/world.py) are rolled back
        # with the test that made them: forget them too.
        extras = [(side, dict(side.extra)) for side in (built.alpha, built.beta)]
        yield built
        for side, extra in extras:
            side.extra.clear()
            side.extra.update(extra)

    return _shared_world_module, shared_world
