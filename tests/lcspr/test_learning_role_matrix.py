"""Who may see and do what on a learning review's terms of reference and family engagement pages
and endpoints (tests/role_matrix.py): everyone who sees the case reads the terms; only the
business manager changes them; the family's details are for the partnership-wide roles, never
agency members (403); the lead reviewer not on the case's access list sees nothing (404)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Role
from tests.lcspr import records as lr
from tests.role_matrix import CASE_VIEWERS, assert_matrix, expect
from tests.tenant_registry import TENANT_URLS
from tests.world import shared_world_fixtures

_shared_world_module, shared_world = shared_world_fixtures()

BM = Role.BUSINESS_MANAGER
FAMILY_READERS = {BM, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE, Role.SCRUTINEER}
JSON = {"content_type": "application/json"}

MATRIX = [
    ("lcspr:learning_terms_list", "get", expect(200, CASE_VIEWERS), None, {}),
    ("lcspr:learning_terms_detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("lcspr:learning_terms_pdf", "get", expect(200, CASE_VIEWERS), None, {}),
    ("lcspr:learning_terms_edit", "get", expect(200, {BM}), None, {}),
    ("lcspr:learning_terms_approve", "get", expect(200, {BM}), None, {}),
    ("lcspr:learning_terms_revise", "get", expect({200, 302}, {BM}), None, {}),
    ("lcspr:learning_family", "get", expect(200, FAMILY_READERS), None, {}),
    ("lcspr:learning_family_coordinator", "get", expect(200, {BM}), None, {}),
    ("lcspr:learning_family_member_add", "get", expect(200, {BM}), None, {}),
    ("lcspr:learning_family_member_edit", "get", expect(200, {BM}), None, {}),
    ("lcspr:learning_family_contact_add", "get", expect(200, {BM}), None, {}),
    ("lcspr:learning_family_letter", "get", expect(200, FAMILY_READERS), None, {}),
    ("lcspr_api:learning-terms-list", "get", expect(200, CASE_VIEWERS), None, {}),
    ("lcspr_api:learning-terms-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "lcspr_api:learning-terms-approve",
        "post",
        expect(200, {BM}),
        lambda who: {
            "approved_by": "The review sub-group",
            "approved_on": str(timezone.localdate()),
        },
        JSON,
    ),
    ("lcspr_api:learning-family", "get", expect(200, FAMILY_READERS), None, {}),
    ("lcspr_api:learning-family-member-list", "get", expect(200, FAMILY_READERS), None, {}),
    ("lcspr_api:learning-family-contact-list", "get", expect(200, FAMILY_READERS), None, {}),
]


@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_learning_review_role_matrix(row, shared_world, client_for):
    name, method, expected, data, extra = row
    side = shared_world.alpha
    lr.learning_terms(side)  # version 2 a draft
    lr.a_learning_family_member(side)
    url = reverse(
        name, kwargs={"partnership_slug": side.partnership.slug, **TENANT_URLS[name](side)}
    )
    assert_matrix(
        client_for, side, method, url, expected, data, outsider=shared_world.outsider, **extra
    )
