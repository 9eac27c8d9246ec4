"""Factories shared by every app's tests. Domain records are created through services where a
service exists, so tests exercise the same writes as the application."""

import datetime
import itertools

import factory
from allauth.mfa.totp.internal.auth import TOTP

from cases.models import Agency, AgencyType, Membership, MembershipRole, Partnership, User

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"  # noqa: S105
_codes = itertools.count(1)


def _code(n: int) -> str:
    letters = ""
    n += 26 * 26  # always three letters
    while n:
        n, r = divmod(n, 26)
        letters = chr(65 + r) + letters
    return letters


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Partnership {n}")
    slug = factory.Sequence(lambda n: f"test-partnership-{n}")
    code = factory.LazyFunction(lambda: _code(next(_codes)))

    @factory.post_generation
    def with_preset(obj, create, extracted, **kwargs):
        from cases.workflow import preset

        if create and not obj.workflow:
            obj.workflow = preset(extracted or "lincolnshire")
            obj.workflow_preset = extracted or "lincolnshire"
            obj.save(update_fields=["workflow", "workflow_preset"])


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    agency_type = AgencyType.VOLUNTARY_OTHER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            TOTP.activate(obj, TEST_TOTP_SECRET)


def make_member(partnership, *roles, agency=None, user=None, **user_kwargs) -> Membership:
    user = user or UserFactory(**user_kwargs)
    membership = Membership.objects.create(user=user, partnership=partnership, agency=agency)
    MembershipRole.objects.bulk_create(
        [MembershipRole(membership=membership, role=r) for r in roles]
    )
    return membership


def totp_code(secret: str = TEST_TOTP_SECRET, at: datetime.datetime | None = None) -> str:
    """The code an authenticator app shows now (or at `at`) for the secret."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    moment = at.timestamp() if at is not None else time.time()
    return format_hotp_value(hotp_value(secret, int(moment) // app_settings.TOTP_PERIOD))


def api_token(user, name: str = "Test client", expiry_days: int = 90) -> str:
    """The secret of a new API token for the user, made as the account page makes one."""
    from cases.services.api_tokens import api_token_create

    return api_token_create(user=user, name=name, expiry_days=expiry_days)[1]
