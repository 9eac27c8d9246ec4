"""Schemathesis over the whole API schema: generated requests, valid and invalid, sent by a
member of each role with a token; no answer may be a server error or contradict the schema
(status codes, content types, bodies, headers as documented).

Bounded for CI: a few examples per operation, derandomised so that a run is repeatable.
Path parameters are pointed at the world's own records, so operations are exercised past
their 404, and the partnership is always the member's own.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi import checks

from cases.models import Role
from tests.cases import chronology_records as cr
from tests.cases import meeting_records as mr
from tests.factories import api_token
from tests.notifications import records as nt
from tests.rapid_reviews import records as rv
from tests.referrals import world as rw

ROLES = [Role.BUSINESS_MANAGER, Role.SLO, Role.AGENCY_STAFF, Role.EXECUTIVE, Role.SCRUTINEER]


def _load_schema():
    """The schema /api/schema/ serves, generated in-process (no database needed), called
    through the WSGI application."""
    from drf_spectacular.generators import SchemaGenerator

    from config.wsgi import application

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application
    return loaded


schema = _load_schema()


@pytest.fixture(autouse=True)
def _calls_inside_the_test_transaction():
    """The WSGI calls run inside the test's transaction, as Django's test client's do."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _records(side) -> dict:
    referral = rw.referral(side)
    draft = rw.draft(side)
    return {
        "case_pk": side.case.pk,
        "cases/{pk}": side.case.pk,
        "subjects/{pk}": side.subject.pk,
        "attachments/{pk}": side.attachment.pk,
        "referral_pk": draft.pk,
        "referrals/{pk}": referral.pk,
        "children/{pk}": rw.draft_child(side).pk,
        "family/{pk}": side.extra["draft_family"].pk,
        "agencies/{pk}": side.extra["draft_agencies"].pk,
        "challenges/{pk}": rw.challenge(side).pk,
        "entries/{pk}": cr.an_entry(side).pk,
        "chronologies/{pk}": cr.a_chronology(side).pk,
    }


def _point_at_records(case, side) -> None:
    params = case.path_parameters
    if not params:
        return
    params["partnership_slug"] = side.partnership.slug
    records = _records(side)
    for name in ("case_pk", "referral_pk"):
        if name in params:
            params[name] = records[name]
    # drf-spectacular names a detail route's pk "{id}" (SCHEMA_COERCE_PATH_PK).
    key = "pk" if "pk" in params else "id" if "id" in params else None
    path = case.path.replace("{id}", "{pk}")
    if key:
        for marker, value in records.items():
            if marker.endswith("{pk}") and marker in path:
                params[key] = value
                break
    if "/serious-incident-notifications/" in case.path and "id" in params:
        # drf-spectacular names these {id}: point them at the world's notification or request.
        is_request = "/requests/" in case.path
        params["id"] = (nt.a_request(side) if is_request else nt.a_notification(side)).pk
    if "/panel-responses/" in case.path and "id" in params:
        reconsider = case.path.endswith("/reconsider/")
        params["id"] = (
            nt.a_contrary_panel_response(side) if reconsider else nt.a_panel_response(side)
        ).pk
    if "/rapid-reviews/" in case.path and "id" in params:
        # The report's endpoints: the world's review with its drafted report.
        if "/report/" in case.path:
            review = rv.a_report(side).rapid_review
        elif "/terms/" in case.path:
            review = rv.a_terms(side).rapid_review
        else:
            review = rv.a_review(side)
        params["id"] = review.pk
    if "/lcsprs/" in case.path and "id" in params:
        from tests.lcspr import records as lr

        learning = "/learning/" in case.path
        params["id"] = (lr.a_learning_review(side) if learning else lr.an_lcspr(side)).pk
        if "/briefings/" in case.path:
            params["id"] = lr.a_briefing(side).pk
        if "candidate_pk" in params:
            params["candidate_pk"] = lr.a_reviewer_candidate(side).pk
        if "version_pk" in params:
            params["version_pk"] = lr.a_report_version(side).pk
        if "hit_pk" in params:
            params["hit_pk"] = lr.a_finding(side).pk
        if "member_pk" in params:
            params["member_pk"] = lr.a_panel_member(side).pk
        if "version" in params:
            params["version"] = lr.panel_terms(side).version
        if "member_pk" in params:
            params["member_pk"] = lr.a_family_member(side).pk
        if "process_pk" in params:
            params["process_pk"] = lr.a_parallel_process(side).pk
        if learning and "version" in params:
            params["version"] = lr.learning_terms(side).version
        if learning and "member_pk" in params:
            params["member_pk"] = lr.a_learning_family_member(side).pk
        if "disclosure_pk" in params:
            params["disclosure_pk"] = lr.a_disclosure_request(side).pk
        if "/lcsprs/sessions/" in case.path:
            params["id"] = lr.a_practitioner_session(side).pk
        if "item_pk" in params:
            params["item_pk"] = lr.a_comms_item(side).pk
    if "request_pk" in params:
        params["request_pk"] = rv.a_request(side).pk
    if "/meetings/" in case.path and "id" in params:
        params["id"] = mr.a_meeting(side).pk
    if "/actions/" in case.path and "id" in params:
        from tests.cases import action_records as ar

        params["id"] = ar.an_action(side).pk
    if "invitee_pk" in params:
        params["invitee_pk"] = mr.an_invitee(side).pk
    if "chronology_pk" in params:
        params["chronology_pk"] = cr.a_chronology(side).pk
    if "challenges/{pk}" in case.path:
        params["referral_pk"] = rw.referral(side).pk


@schema.parametrize()
@schema.given(role=st.sampled_from(ROLES))
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_generated_request_as_documented(case, role, world):
    side = world.alpha
    _point_at_records(case, side)
    tokens = side.extra.setdefault("api_tokens", {})
    if role not in tokens:
        tokens[role] = api_token(side.user(role))
    case.call_and_validate(
        headers={"Authorization": f"Token {tokens[role]}"},
        excluded_checks=[
            # Authentication is proved by the crawler and the role matrix, with every kind of
            # credential; this check cannot know that a partnership path is 404 to strangers.
            checks.ignored_auth,
            # "Schema-valid data must be accepted" cannot hold where validity depends on the
            # database or a business rule (an agency id of this partnership, a file's real
            # type, a workflow that hangs together): those answer 400 with the reason.
            checks.positive_data_acceptance,
        ],
    )
