"""Editable letters and leaflets (issue 14): the registry, the partnership's own wording, the
"Letters and templates" settings page (cases.document_templates)."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.urls import reverse

from cases.document_templates import (
    blocks,
    register_document_template,
    registered_templates,
    render_document_template,
)
from cases.models import AuditEvent, DocumentTemplate, Role
from cases.services.document_templates import document_template_reset, document_template_save


def test_the_lcspr_templates_are_registered_with_the_seed_wording():
    keys = {spec.key: spec for spec in registered_templates()}
    assert {
        "family_letter",
        "family_leaflet",
        "practitioner_invitation",
        "practitioner_briefing",
        "practitioner_agenda",
    } <= set(keys)
    assert keys["family_letter"].source == "Swindon 001 Appendix 7"
    assert "local Child Safeguarding Practice Review" in keys["family_letter"].default_body
    assert "Reflective Practitioner Session" in keys["practitioner_invitation"].default_body


def test_a_default_wording_with_an_unknown_placeholder_is_refused():
    with pytest.raises(ImproperlyConfigured, match=r"Remove \$who"):
        register_document_template(
            "test_bad", title="Bad", default_body="Dear $who", placeholders={"name": "Name"}
        )


def test_blocks_split_headings_lists_and_paragraphs():
    assert blocks("# Head\n\nOne\ntwo\n- a\n- b\n\nEnd") == [
        ("h", "Head"),
        ("p", "One\ntwo"),
        ("ul", ["a", "b"]),
        ("p", "End"),
    ]


def test_save_reset_and_render(world):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    slo = side.members[Role.SLO]
    values = {"family_member_name": "Mary", "child_name": "Dan"}
    title, body = render_document_template(side.partnership, "family_letter", values)
    assert "Dear Mary," in body and "[The independent lead reviewer's name]" in body
    with pytest.raises(PermissionDenied):
        document_template_save(
            actor=slo.user, membership=slo, key="family_letter", title="T", body="B"
        )
    with pytest.raises(ValidationError) as raised:
        document_template_save(
            actor=bm.user,
            membership=bm,
            key="family_letter",
            title="For $foo",
            body="Dear $family_member_name, it costs $ 5 and ${bar}",
        )
    errors = raised.value.message_dict
    assert errors["title"] == ["Remove $foo: the letter cannot fill it in."]
    assert "Remove $bar: the letter cannot fill it in." in errors["body"][0]
    assert "write $$ for a dollar sign" in errors["body"][0]
    document_template_save(
        actor=bm.user,
        membership=bm,
        key="family_letter",
        title="Our review",
        body="Hello $family_member_name, it costs $$5.",
    )
    assert render_document_template(side.partnership, "family_letter", values) == (
        "Our review",
        "Hello Mary, it costs $5.",
    )
    # The other partnership still has the registered wording.
    other = render_document_template(world.beta.partnership, "family_letter", values)
    assert other[0] == title
    document_template_reset(actor=bm.user, membership=bm, key="family_letter")
    assert render_document_template(side.partnership, "family_letter", values) == (title, body)
    row = DocumentTemplate.objects.get(partnership=side.partnership, key="family_letter")
    assert row.is_active is False and row.body.startswith("Hello")
    actions = list(
        AuditEvent.objects.filter(partnership=side.partnership, action__startswith="document_")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["document_template.save", "document_template.reset"]


def test_the_settings_pages(world, client_for):
    side = world.alpha
    bm = client_for(side.members[Role.BUSINESS_MANAGER].user)
    slug = side.partnership.slug
    listing = reverse("cases:document_template_list", args=[slug])
    page = bm.get(listing).content.decode()
    assert "Letter informing family members of a review" in page
    assert "Swindon 001 Appendix 7" in page
    assert client_for(side.members[Role.SLO].user).get(listing).status_code == 403
    edit = reverse("cases:document_template_edit", args=[slug]) + "?key=family_letter"
    assert bm.get(edit).status_code == 200
    unknown = reverse("cases:document_template_edit", args=[slug]) + "?key=no"
    assert bm.get(unknown).status_code == 404

    response = bm.post(edit, {"title": "", "body": "Dear $nobody", "preview": "1"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter the title" in text
    assert "Remove $nobody: the letter cannot fill it in." in text
    assert "Dear $nobody" in text  # kept on re-display

    response = bm.post(
        edit, {"title": "Our letter", "body": "# Hi\n\nDear $family_member_name", "preview": "1"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Dear [The family member&#x27;s name]" in text
    assert not DocumentTemplate.objects.filter(partnership=side.partnership).exists()

    response = bm.post(
        edit, {"title": "Our letter", "body": "<script>x</script> $date", "save": "1"}
    )
    assert response.status_code == 302
    page = bm.get(listing).content.decode()
    assert "The partnership's, changed" in page
    reset = reverse("cases:document_template_reset", args=[slug])
    response = bm.post(reset, {"key": "family_letter"})
    assert response.status_code == 302
    assert "As registered" in bm.get(listing).content.decode()


def test_the_history_names_the_template(world):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    document_template_save(
        actor=bm.user, membership=bm, key="family_letter", title="Ours", body="Dear $date"
    )
    event = AuditEvent.objects.get(partnership=side.partnership, action="document_template.save")
    assert event.object_repr == "Letter informing family members of a review"
