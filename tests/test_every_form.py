"""Every form of the app, rendered through the one renderer (config.forms), keeps the rules the
accessibility check cannot reach page by page (issue 15, points 5 and 6):

- submitted empty, each error summary link leads to an element of the rendered form (following
  it puts focus on the field, not at the top of the page);
- no option or radio reads "---------" (selects say "Select an option"; a blank choice is never
  a radio), and no radio of a required question starts chosen.

The forms are found, not listed: every form class defined in a form module of the project's own
apps (``forms.py``, ``forms_*.py`` or a ``forms/`` package). A new form joins by existing; one that
needs a constructor argument not in kwargs_for fails here until it is added.
"""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string

from cases.models import MeetingInvitee, Membership
from referrals.forms.draft import DraftForm
from tests.cases import meeting_records as mr
from tests.cases import reminder_records as rr
from tests.notifications import records as nt
from tests.referrals import world as rw

ROOT = Path(settings.BASE_DIR).resolve()


def form_modules() -> list[str]:
    names = []
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        if ROOT not in path.parents or ".venv" in path.parts:
            continue
        for info in pkgutil.iter_modules([str(path)]):
            if info.name == "forms" or info.name.startswith("forms_"):
                names.append(f"{app.name}.{info.name}")
                if info.ispkg:
                    names += [
                        f"{app.name}.forms.{sub.name}"
                        for sub in pkgutil.iter_modules([str(path / "forms")])
                    ]
    return sorted(names)


def form_classes() -> list[type]:
    found = []
    for name in form_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name or not issubclass(cls, forms.BaseForm):
                continue
            if cls.__name__.startswith("_") or cls is DraftForm:
                continue  # bases that pages never use on their own
            if issubclass(cls, forms.BaseModelForm) and getattr(cls._meta, "model", None) is None:
                continue
            found.append(cls)
    return found


FORMS = form_classes()


def kwargs_for(cls, world) -> dict:
    """The constructor arguments a form class needs, as its page would give them."""
    alpha = world.alpha
    known = {
        "partnership": lambda: alpha.partnership,
        "members": lambda: list(Membership.objects.filter(partnership=alpha.partnership)),
        "referral": lambda: rw.in_triage(alpha),
        "outcomes": lambda: {"rapid_review": "Rapid review", "no_further_action": "No action"},
        "options": lambda: {"local_review": "Local learning review"},
        "characteristic_choices": lambda: [("neglect", "Neglect")],
        "children": lambda: [],
        "confirming": lambda: None,
        "decider": lambda: "the local authority",
        "business_manager": lambda: True,
        "last_step": lambda: True,
        # The statutory notice forms: the case's documents and open clock steps.
        "attachments": lambda: [alpha.attachment],
        "deadlines": lambda: [rr.a_deadline(alpha)],
        "can_return": lambda: True,  # the sign-off decision past the chain's first step
        # The copies of a submitted notification not yet sent (tests/notifications/records.py).
        "unsent": lambda: list(nt.a_submitted_notification(alpha).copies.all()),
        # The meeting forms (the partnership's agencies, the world's meeting's invitees) and
        # the chronology forms (the same agencies, the case's people, the reviews asking).
        "agencies": lambda: list(alpha.agencies.values()),
        "invitees": lambda: list(MeetingInvitee.objects.filter(meeting=mr.a_meeting(alpha))),
        "subjects": lambda: [alpha.subject],
        "purposes": lambda: ["rapid_review"],
        # The action plans' sign-off form: the stages whose plans have actions.
        "stages": lambda: ["rapid_review", "lcspr"],
        # The LCSPR's family engagement forms: the review's family members, and whether a
        # parallel process holds family contact back (then the contact form asks to confirm).
        "family": lambda: [],
        "holding": lambda: True,
        # The learning review's start: the partnership's menu (learning_options by key).
        "menu": lambda: {
            "joint_supervision": {"label": "Joint supervision", "timescale_text": "4 – 6 weeks"}
        },
    }
    wanted = {
        name
        for klass in cls.__mro__
        if "__init__" in vars(klass)
        for name, p in inspect.signature(vars(klass)["__init__"]).parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    }
    if issubclass(cls, DraftForm):
        wanted.add("partnership")
    missing = wanted - set(known)
    assert not missing, f"{cls.__name__} needs {missing}: add them to kwargs_for in this test"
    return {name: known[name]() for name in wanted}


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


@pytest.mark.parametrize("cls", FORMS, ids=[f"{c.__module__}.{c.__name__}" for c in FORMS])
def test_error_summary_links_lead_to_fields(cls, world):
    form = cls(data={}, files={}, **kwargs_for(cls, world))
    form.is_valid()
    # Errors a service would add on a referral page (nothing is required there): one per field.
    for name in form.fields:
        if not form.has_error(name) and not form.fields[name].widget.is_hidden:
            form.add_error(name, "Something to fix")
    summary = render_to_string("includes/error_summary.html", {"form": form})
    html = str(form)
    targets = re.findall(r'<a href="#([^"]*)"', summary)
    assert targets, f"{cls.__name__}: no error summary links"
    missing = [t for t in targets if t not in _ids(html)]
    assert not missing, f"{cls.__name__}: error summary links to #{missing}, not in the form"


@pytest.mark.parametrize("cls", FORMS, ids=[f"{c.__module__}.{c.__name__}" for c in FORMS])
def test_no_dashes_option_and_no_radio_chosen_for_you(cls, world):
    form = cls(**kwargs_for(cls, world))
    html = str(form)
    options = re.findall(r"<option[^>]*>\s*([^<]*?)\s*</option>", html)
    labels = re.findall(
        r'class="govuk-label govuk-radios__label"[^>]*>\s*([^<]*?)\s*</label>', html
    )
    assert "---------" not in options + labels, f"{cls.__name__} offers “---------”"
    assert not re.search(r'<input type="radio"[^>]*value=""', html), f"{cls.__name__}: blank radio"
    for name, field in form.fields.items():
        if (
            isinstance(field.widget, forms.RadioSelect)
            and field.required
            and form.initial.get(name) is None
            and field.initial is None
        ):
            chosen = re.findall(rf'<input type="radio" name="{name}"[^>]*checked', html)
            assert not chosen, f"{cls.__name__}.{name} starts with an answer chosen"


def test_every_form_module_is_found():
    """The discovery above sees the modules this test was written against (and more later)."""
    assert {
        "cases.forms",
        "cases.forms_settings",
        "cases.forms_api_tokens",
        "referrals.forms.actions",
        "referrals.forms.draft",
    } <= set(form_modules())
    assert len(FORMS) >= 50


def test_select_blank_reads_select_an_option(world):
    """Issue 15 (6): ethnicity, child protection plan category, the invitation's agency."""
    from cases.forms import InvitationForm
    from referrals.forms.draft import ChildBackgroundForm, ChildPlansForm

    partnership = world.alpha.partnership
    for html in (
        str(InvitationForm(partnership=partnership)["agency"].as_field_group()),
        str(ChildBackgroundForm(partnership=partnership)["ethnicity"].as_field_group()),
        str(ChildPlansForm(partnership=partnership)["cp_plan_category"].as_field_group()),
    ):
        assert '<option value="" selected>Select an option</option>' in html, html


def test_who_is_this_person_starts_with_nothing_chosen():
    from cases.forms import SubjectForm

    html = str(SubjectForm()["role"].as_field_group())
    assert "---------" not in html and "checked" not in html and 'value=""' not in html
    assert 'id="id_role_0"' in html  # the first answer: where the error summary links
