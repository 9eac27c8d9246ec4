"""Issue 11, "Honest labels": a question says "(optional)" only when the referral can be sent
without its answer (referrals.completeness), and only a referral its author can still change
says that its draft is saved."""

import re

import pytest
from django.urls import reverse

from cases.models import Role
from referrals.choices import FamilyInvolvement
from referrals.completeness import NEEDS, needed_fields, referral_problems
from referrals.models import Referral, ReferralChild
from referrals.sections import COLLECTIONS, PAGES, SECTIONS
from referrals.services import authorisation, drafts
from tests.referrals import helpers

pytestmark = pytest.mark.django_db

DRAFT_SAVED = "Drafts are saved"
LABEL = re.compile(r"<(label|legend)\b[^>]*>(.*?)</\1>", re.S)


def url(side, name, *args):
    return reverse(name, args=[side.partnership.slug, *args])


def _internal_draft(side):
    referral = helpers.complete_draft(side)
    slo = side.members[Role.SLO]
    for collection, fields in (
        ("family", {"role": "parent", "first_name": "Pat"}),
        ("agencies", {"agency_name": "The school"}),
    ):
        drafts.referral_item_add(
            actor=slo.user, membership=slo, referral=referral, collection=collection, **fields
        )
    return referral, side.user(Role.SLO)


def _external_draft(side):
    bm = side.members[Role.BUSINESS_MANAGER]
    referral = drafts.referral_create_external(
        actor=bm.user, membership=bm, external_source="coroner", referrer_name="HM Coroner"
    )
    for collection, fields in (
        ("children", {"first_name": "Alex"}),
        ("family", {"role": "parent", "first_name": "Pat"}),
        ("agencies", {"agency_name": "The school"}),
    ):
        drafts.referral_item_add(
            actor=bm.user, membership=bm, referral=referral, collection=collection, **fields
        )
    return referral, bm.user


def _question_pages(side, referral):
    """(name, address) of every question page of the referral: each page and each step of
    each repeating list."""
    for slug in PAGES:
        yield slug, url(side, "referrals:page", referral.pk, slug)
    items = {
        "children": referral.children,
        "family": referral.people,
        "agencies": referral.contacts,
    }
    for key, collection in COLLECTIONS.items():
        item = items[key].get()
        for step, _heading, _form in collection.steps:
            yield (
                f"{key}/{step}",
                url(side, "referrals:item", referral.pk, key, item.pk, step),
            )


@pytest.mark.parametrize("kind", ["internal", "external"])
def test_a_label_says_optional_only_when_the_referral_can_be_sent_without_it(
    kind, world, client_for
):
    side = world.alpha
    referral, user = (_internal_draft if kind == "internal" else _external_draft)(side)
    client = client_for(user)
    checked = 0
    for name, address in _question_pages(side, referral):
        response = client.get(address)
        assert response.status_code == 200, name
        form = response.context["form"]
        needed = needed_fields(form._meta.model)
        html = response.content.decode()
        for field in form:
            if field.govuk_kind in ("hidden", "checkbox"):
                continue
            match = LABEL.search(str(field.as_field_group()))
            assert match, f"{name}: {field.name} has no label"
            label = " ".join(match.group(2).split())
            assert ("(optional)" in label) == (field.name not in needed), (
                f"{name}: {field.name} is labelled {label!r}, but completeness "
                + ("needs it" if field.name in needed else "does not need it")
            )
            assert label in " ".join(html.split()) or "<h1" in label, name
            checked += 1
    assert checked > 40


def test_every_need_is_asked_on_its_page_and_only_there():
    """The needs name the pages and fields the form really has, so the labels can follow."""
    for need in NEEDS:
        if need.model is Referral:
            page = PAGES[need.page]
            forms = {page.form, page.external_form} - {None}
            asked = set().union(*(f.base_fields.keys() | f.declared_fields.keys() for f in forms))
            assert set(need.fields) <= asked, need
        else:
            collection = COLLECTIONS[need.page]
            asked = set().union(*(form.base_fields.keys() for _s, _h, form in collection.steps))
            assert set(need.fields) <= asked, need
    required = {s.key for s in SECTIONS if s.required}
    assert required == {"referrer", "children", "incident", "reasons"}


def _blank(obj, name):
    field = obj._meta.get_field(name)
    if field.null:
        return None
    return [] if name in ("reasons", "characteristics") else ""


@pytest.mark.parametrize("kind", ["internal", "external"])
def test_completeness_needs_exactly_the_fields_it_declares(kind, world):
    """Blanking an answer nobody declared needed never stops the referral being sent; blanking
    every answer that meets a need always does."""
    side = world.alpha
    referral, _ = (_internal_draft if kind == "internal" else _external_draft)(side)
    Referral.objects.filter(pk=referral.pk).update(
        referrer_name="A Referrer",
        referrer_phone="01234 567890",
        harm="serious_harm",
        what_happened="Admitted to hospital.",
        reasons=["partner_notification"],
        involve_family=FamilyInvolvement.NO,
        family_not_involved_reasons="Risk to the child.",
    )
    referral = Referral.objects.get(pk=referral.pk)
    assert referral_problems(referral) == []
    child = referral.children.get()
    for obj, forms in (
        (referral, [p.form_for(referral) for p in PAGES.values()]),
        (child, [form for _s, _h, form in COLLECTIONS["children"].steps]),
    ):
        needed = needed_fields(type(obj))
        for form in forms:
            for name in form.base_fields:
                if name in needed:
                    continue
                kept = getattr(obj, name)
                setattr(obj, name, _blank(obj, name))
                if obj is child:
                    obj.save()
                assert referral_problems(referral) == [], f"{name} is needed but not declared"
                setattr(obj, name, kept)
                if obj is child:
                    obj.save()
    for need in NEEDS:
        if not need.applies_to(referral) or not need.fields:
            continue
        obj = child if need.model is ReferralChild else referral
        kept = {name: getattr(obj, name) for name in need.fields}
        for name in need.fields:
            setattr(obj, name, _blank(obj, name))
        if obj is child:
            obj.save()
        messages = [p.message for p in referral_problems(referral)]
        assert need.message.format(n=1) in messages, need
        for name, value in kept.items():
            setattr(obj, name, value)
        if obj is child:
            obj.save()


def test_the_what_happened_page_does_not_call_its_question_optional(world, client_for):
    side = world.alpha
    referral = helpers.complete_draft(side)
    page = client_for(side.user(Role.SLO)).get(
        url(side, "referrals:page", referral.pk, "what-happened")
    )
    text = " ".join(page.content.decode().split())
    assert "What happened?" in text and "What happened? (optional)" not in text
    incident = client_for(side.user(Role.SLO)).get(
        url(side, "referrals:page", referral.pk, "incident")
    )
    text = " ".join(incident.content.decode().split())
    assert "Where did it happen? (optional)" in text  # not needed: still optional


def _my_work(client, side):
    return client.get(reverse("cases:home", args=[side.partnership.slug])).content.decode()


def test_draft_saved_hint_only_on_a_referral_its_author_can_change(world, client_for):
    side = world.alpha
    staff = side.members[Role.AGENCY_STAFF]
    client = client_for(staff.user)
    draft = helpers.complete_draft(side, staff)
    page = _my_work(client, side)
    assert draft.reference in page and DRAFT_SAVED in page

    authorisation.referral_submit_for_authorisation(
        actor=staff.user, membership=staff, referral=draft
    )
    draft.refresh_from_db()
    assert draft.status == "awaiting_authorisation"
    page = _my_work(client, side)
    assert draft.reference in page
    assert DRAFT_SAVED not in page
    assert "Sent for authorisation: you can no longer change it" in page
    # Nor for the authoriser, nor on the referral's own page.
    slo_client = client_for(side.user(Role.SLO))
    assert DRAFT_SAVED not in _my_work(slo_client, side)
    for client_ in (client, slo_client):
        detail = client_.get(url(side, "referrals:detail", draft.pk)).content.decode()
        assert DRAFT_SAVED not in detail
