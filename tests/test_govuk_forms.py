"""The GOV.UK form renderer, the page shell and the vendored govuk-frontend (no database)."""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.conf import settings
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings

from config.forms import GovukBoundField, GovukFormRenderer, govuk_field
from config.widgets import GovukDateField, GovukDateWidget

ROOT = Path(settings.BASE_DIR)
STATIC = ROOT / "static"


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], ""

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def text_content(self):
        return self.text + "".join(child.text_content() for child in self.children)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Dom(HTMLParser):
    """Just enough of a DOM to assert on: elements by id, class and ancestry."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "area", "col"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.current = self.root
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in self.VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text += data

    def all(self, tag=None, cls=None):
        return [
            e
            for e in self.root.iter()
            if e is not self.root
            and (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes)
        ]

    def by_id(self, element_id):
        found = [e for e in self.root.iter() if e.attrs.get("id") == element_id]
        assert len(found) == 1, f"expected one element with id={element_id!r}, found {len(found)}"
        return found[0]

    def group_of(self, element):
        return next(a for a in element.ancestors() if "govuk-form-group" in a.classes)


class EveryWidgetForm(forms.Form):
    full_name = forms.CharField(
        help_text="As it appears on official documents",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    email = forms.EmailField(required=False)
    children = forms.IntegerField()
    website = forms.URLField(assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput)
    summary = forms.CharField(widget=forms.Textarea, max_length=200, help_text="Keep it short")
    notes = forms.CharField(widget=forms.Textarea, required=False)
    agency = forms.ChoiceField(choices=[("", "Choose"), ("la", "Council"), ("pol", "Police")])
    decision = forms.ChoiceField(choices=[("y", "Yes"), ("n", "No")], widget=forms.RadioSelect)
    pathway = forms.ChoiceField(
        choices=[("nfa", "No further action"), ("rr", "Rapid review"), ("lr", "Learning review")],
        widget=forms.RadioSelect,
    )
    agencies = forms.MultipleChoiceField(
        choices=[("la", "Council"), ("pol", "Police"), ("icb", "ICB")],
        widget=forms.CheckboxSelectMultiple,
    )
    confirm = forms.BooleanField(help_text="You must confirm before you submit")
    upload = forms.FileField()
    incident_date = forms.DateField()
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2007")
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise forms.ValidationError("Check the case reference and try again")


INVALID = {
    "full_name": "",
    "email": "not-an-email",
    "children": "three",
    "website": "",
    "password": "",
    "summary": "x" * 201,
    "agency": "",
    "decision": "",
    "pathway": "",
    "confirm": "",
    "incident_date": "2024-02-30",
    "date_of_birth_day": "31",
    "date_of_birth_month": "2",
    "date_of_birth_year": "2020",
}


@pytest.fixture
def bound():
    form = EveryWidgetForm(data=INVALID)
    assert not form.is_valid()
    return form


@pytest.fixture
def dom(bound):
    return Dom(str(bound))


def test_settings_use_the_govuk_renderer(bound):
    assert settings.FORM_RENDERER == "config.forms.GovukFormRenderer"
    assert isinstance(bound.renderer, GovukFormRenderer)
    assert isinstance(bound["full_name"], GovukBoundField)


@pytest.mark.parametrize(
    ("name", "tag", "classes"),
    [
        ("full_name", "input", {"govuk-input", "govuk-input--error", "govuk-input--width-20"}),
        ("email", "input", {"govuk-input", "govuk-input--error"}),
        ("children", "input", {"govuk-input", "govuk-input--error"}),
        ("website", "input", {"govuk-input", "govuk-input--error"}),
        ("password", "input", {"govuk-input", "govuk-input--error", "govuk-password-input__input"}),
        ("summary", "textarea", {"govuk-textarea", "govuk-textarea--error"}),
        ("agency", "select", {"govuk-select", "govuk-select--error"}),
        ("confirm", "input", {"govuk-checkboxes__input"}),
        ("upload", "input", {"govuk-file-upload", "govuk-file-upload--error"}),
        ("incident_date", "input", {"govuk-input", "govuk-input--error", "govuk-input--width-10"}),
    ],
)
def test_single_input_fields_get_govuk_classes_and_error_markup(dom, name, tag, classes):
    element = dom.by_id(f"id_{name}")
    assert element.tag == tag
    assert classes <= element.classes
    group = dom.group_of(element)
    assert "govuk-form-group--error" in group.classes
    error = dom.by_id(f"id_{name}-error")
    assert "govuk-error-message" in error.classes
    hidden = error.children[0]
    assert "govuk-visually-hidden" in hidden.classes and hidden.text == "Error:"
    assert f"id_{name}-error" in element.attrs["aria-describedby"].split()
    assert element.attrs.get("aria-invalid") == "true"
    if tag != "input" or element.attrs.get("type") != "checkbox":
        label = next(e for e in dom.all("label") if e.attrs.get("for") == f"id_{name}")
        assert "govuk-label" in label.classes
        assert ":" not in label.text_content()


def test_required_messages_are_written_from_the_label(bound, dom):
    assert bound["full_name"].errors == ["Enter full name"]
    assert bound["agency"].errors == ["Select agency"]
    assert bound["decision"].errors == ["Select decision"]
    assert bound["agencies"].errors == ["Select agencies"]
    assert bound["upload"].errors == ["Upload upload"]
    assert bound["confirm"].errors == ["Select \u201cConfirm\u201d"]
    assert "Enter full name" in dom.by_id("id_full_name-error").text_content()

    class Own(forms.Form):
        nhs_number = forms.CharField(label="NHS number")
        reason = forms.CharField(error_messages={"required": "Enter why you are referring"})

    own = Own(data={})
    assert own["nhs_number"].errors == ["Enter NHS number"]
    assert own["reason"].errors == ["Enter why you are referring"]


def test_hint_comes_from_help_text_and_is_described(dom):
    hint = dom.by_id("id_full_name-hint")
    assert "govuk-hint" in hint.classes
    assert hint.text_content().strip() == "As it appears on official documents"
    assert dom.by_id("id_full_name").attrs["aria-describedby"] == (
        "id_full_name-hint id_full_name-error"
    )


def test_every_aria_describedby_points_at_an_element_and_ids_are_unique(dom):
    ids = [e.attrs["id"] for e in dom.root.iter() if e.attrs.get("id")]
    assert len(ids) == len(set(ids))
    for element in dom.root.iter():
        for ref in (element.attrs.get("aria-describedby") or "").split():
            assert ref in ids, f"{element.tag} describedby missing #{ref}"


def test_optional_fields_say_so_and_required_fields_are_unmarked(dom):
    labels = {e.attrs.get("for"): e.text_content().strip() for e in dom.all("label")}
    assert labels["id_email"] == "Email (optional)"
    assert labels["id_notes"] == "Notes (optional)"
    assert labels["id_full_name"] == "Full name"
    assert "*" not in str(dom.root.text_content())


def test_no_browser_validation_attributes(bound, dom):
    html = str(bound)
    assert not [e.attrs["name"] for e in dom.all() if "required" in e.attrs]
    # The character count explains the limit; maxlength would cut pasted text.
    assert ' maxlength="200"' not in html


def test_radios_use_a_fieldset_and_are_inline_with_two_choices(dom):
    yes = dom.by_id("id_decision_0")
    assert yes.attrs["type"] == "radio" and "govuk-radios__input" in yes.classes
    radios = next(a for a in yes.ancestors() if "govuk-radios" in a.classes)
    assert "govuk-radios--inline" in radios.classes
    assert radios.attrs["data-module"] == "govuk-radios"
    fieldset = next(a for a in yes.ancestors() if a.tag == "fieldset")
    assert "govuk-fieldset" in fieldset.classes
    assert fieldset.attrs["aria-describedby"] == "id_decision-error"
    legend = fieldset.children[0]
    assert legend.tag == "legend" and "govuk-fieldset__legend" in legend.classes
    assert "aria-describedby" not in yes.attrs
    label = next(e for e in dom.all("label") if e.attrs.get("for") == "id_decision_0")
    assert {"govuk-label", "govuk-radios__label"} <= label.classes

    first_pathway = dom.by_id("id_pathway_0")
    radios = next(a for a in first_pathway.ancestors() if "govuk-radios" in a.classes)
    assert "govuk-radios--inline" not in radios.classes


def test_checkboxes_use_a_fieldset(dom):
    first = dom.by_id("id_agencies_0")
    assert first.attrs["type"] == "checkbox" and "govuk-checkboxes__input" in first.classes
    boxes = next(a for a in first.ancestors() if "govuk-checkboxes" in a.classes)
    assert boxes.attrs["data-module"] == "govuk-checkboxes"
    fieldset = next(a for a in first.ancestors() if a.tag == "fieldset")
    assert fieldset.attrs["aria-describedby"] == "id_agencies-error"


def test_single_checkbox_has_item_hint_and_label(dom):
    box = dom.by_id("id_confirm")
    assert box.attrs["aria-describedby"] == "id_confirm-hint id_confirm-error"
    assert "govuk-checkboxes__hint" in dom.by_id("id_confirm-hint").classes
    assert not [a for a in box.ancestors() if a.tag == "fieldset"]


def test_textarea_with_max_length_gets_the_character_count(dom):
    textarea = dom.by_id("id_summary")
    assert "govuk-js-character-count" in textarea.classes
    assert "maxlength" not in textarea.attrs
    group = dom.group_of(textarea)
    assert {"govuk-character-count", "govuk-form-group--error"} <= group.classes
    assert group.attrs["data-module"] == "govuk-character-count"
    assert group.attrs["data-maxlength"] == "200"
    assert textarea.attrs["aria-describedby"] == "id_summary-info id_summary-hint id_summary-error"
    assert "govuk-character-count__message" in dom.by_id("id_summary-info").classes
    plain = dom.by_id("id_notes")
    assert "govuk-js-character-count" not in plain.classes
    assert "govuk-character-count" not in dom.group_of(plain).classes


def test_password_uses_the_password_input_component(dom):
    group = dom.group_of(dom.by_id("id_password"))
    assert group.attrs["data-module"] == "govuk-password-input"
    toggle = next(e for e in group.iter() if e.tag == "button")
    assert "govuk-password-input__toggle" in toggle.classes
    assert toggle.attrs["aria-controls"] == "id_password"
    assert toggle.attrs["type"] == "button"


def test_numbers_use_a_text_box_with_a_numeric_keyboard(dom, bound):
    box = dom.by_id("id_children")
    assert box.attrs["type"] == "text" and box.attrs["inputmode"] == "numeric"
    assert box.attrs["value"] == "three"  # kept, so the error message has something to explain
    assert not {"min", "max", "step"} & set(box.attrs)


def test_date_input_is_native_with_iso_value_whatever_the_locale():
    form = EveryWidgetForm(initial={"incident_date": datetime.date(2026, 3, 7)})
    html = str(form["incident_date"])
    assert 'type="date"' in html and 'value="2026-03-07"' in html
    assert "govuk-input--width-10" in html
    bound = EveryWidgetForm(data={**INVALID, "incident_date": "2026-03-07"})
    bound.is_valid()
    assert bound.cleaned_data["incident_date"] == datetime.date(2026, 3, 7)


def test_govuk_date_widget_renders_three_labelled_boxes_with_errors(dom):
    fieldset = next(a for a in dom.by_id("id_date_of_birth_0").ancestors() if a.tag == "fieldset")
    assert fieldset.attrs["role"] == "group"
    assert fieldset.attrs["aria-describedby"] == "id_date_of_birth-hint id_date_of_birth-error"
    assert "must be a real date" in dom.by_id("id_date_of_birth-error").text_content()
    for index, (name, width) in enumerate((("day", 2), ("month", 2), ("year", 4))):
        box = dom.by_id(f"id_date_of_birth_{index}")
        assert box.attrs["name"] == f"date_of_birth_{name}"
        assert box.attrs["inputmode"] == "numeric"
        assert {
            "govuk-input",
            "govuk-date-input__input",
            f"govuk-input--width-{width}",
            "govuk-input--error",
        } <= box.classes
        label = next(e for e in dom.all("label") if e.attrs.get("for") == box.attrs["id"])
        assert label.text_content().strip() == name.capitalize()
    assert dom.by_id("id_date_of_birth_0").attrs["value"] == "31"


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("7", "3", "2026", datetime.date(2026, 3, 7)),
        (" 07 ", "03", "2026", datetime.date(2026, 3, 7)),
        ("7", "", "2026", "Date of birth must include a month"),
        ("", "", "2026", "Date of birth must include a day and month"),
        ("30", "2", "2026", "Date of birth must be a real date"),
        ("7", "March", "2026", "Date of birth must be a real date"),
        ("7", "3", "26", "Year must include 4 numbers"),
        ("", "", "", "This field is required."),
    ],
)
def test_govuk_date_field_cleans_or_explains(day, month, year, expected):
    class DateForm(forms.Form):
        date_of_birth = GovukDateField(label="Date of birth")

    form = DateForm(
        data={"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year}
    )
    if isinstance(expected, datetime.date):
        assert form.is_valid(), form.errors
        assert form.cleaned_data["date_of_birth"] == expected
    else:
        assert not form.is_valid()
        assert form.errors["date_of_birth"] == [expected]


def test_govuk_date_widget_works_with_a_plain_date_field():
    class DateForm(forms.Form):
        when = forms.DateField(widget=GovukDateWidget)

    assert DateForm(data={"when_day": "1", "when_month": "12", "when_year": "2025"}).is_valid()
    form = DateForm(data={"when_day": "31", "when_month": "11", "when_year": "2025"})
    assert form.errors["when"] == ["Enter a valid date."]
    initial = DateForm(initial={"when": datetime.date(2025, 12, 1)})
    assert 'name="when_year" value="2025"' in str(initial["when"])


def test_error_summary_links_each_error_to_its_field(bound):
    dom = Dom(render_to_string("includes/error_summary.html", {"form": bound}))
    summary = dom.all("div", "govuk-error-summary")[0]
    assert summary.attrs["data-module"] == "govuk-error-summary"
    assert dom.all("div")[1].attrs["role"] == "alert"
    assert dom.all("h2", "govuk-error-summary__title")[0].text.strip() == "There is a problem"
    items = dom.all("li")
    assert items[0].text_content() == "Check the case reference and try again"
    links = {a.attrs["href"] for a in dom.all("a")}
    assert {
        "#id_full_name",
        "#id_decision_0",
        "#id_agencies_0",
        "#id_confirm",
        "#id_summary",
        "#id_date_of_birth_0",
        "#id_upload",
    } <= links
    form_dom = Dom(str(bound))
    for href in links:
        form_dom.by_id(href[1:])


def test_error_summary_is_empty_without_errors_and_handles_several_forms(bound):
    unbound = EveryWidgetForm()
    assert render_to_string("includes/error_summary.html", {"form": unbound}).strip() == ""
    assert render_to_string("includes/error_summary.html", {"forms": [unbound]}).strip() == ""
    html = render_to_string("includes/error_summary.html", {"forms": [unbound, bound]})
    assert html.count("govuk-error-summary__title") == 1
    assert 'href="#id_full_name"' in html


def test_as_field_group_renders_one_field(bound):
    html = bound["email"].as_field_group()
    dom = Dom(html)
    assert len(dom.all("div", "govuk-form-group")) == 1
    assert dom.by_id("id_email").attrs["type"] == "email"


def test_hidden_fields_render_bare(bound):
    html = str(bound)
    assert '<input type="hidden" name="token" id="id_token">' in html


def test_label_as_page_heading_and_sizes():
    class OneQuestion(forms.Form):
        reference = govuk_field(
            forms.CharField(label="What is the case reference?"), page_heading=True
        )
        choice = govuk_field(
            forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect),
            label_size="m",
            inline=False,
            small=True,
        )

    dom = Dom(str(OneQuestion()))
    h1 = dom.all("h1")[0]
    assert "govuk-label-wrapper" in h1.classes
    assert {"govuk-label", "govuk-label--l"} <= h1.children[0].classes
    legend = dom.all("legend")[0]
    assert "govuk-fieldset__legend--m" in legend.classes
    radios = dom.all("div", "govuk-radios")[0]
    assert "govuk-radios--small" in radios.classes and "govuk-radios--inline" not in radios.classes
    with pytest.raises(TypeError):
        govuk_field(forms.CharField(), colour="red")


def test_clearable_file_input_names_the_current_file():
    class Upload(forms.Form):
        document = forms.FileField(required=False)

    class StoredFile:
        name, url = "chronology.xlsx", "/never-linked"

        def __str__(self):
            return self.name

    html = str(Upload(initial={"document": StoredFile()})["document"].as_field_group())
    assert "Current file: chronology.xlsx" in html
    assert "Remove the current file" in html
    assert "govuk-file-upload" in html
    assert "/never-linked" not in html


def test_formset_renders_management_form_and_fields():
    formset = forms.formset_factory(forms.Form, extra=1)()
    html = str(formset)
    assert 'name="form-TOTAL_FORMS"' in html


# --- includes ------------------------------------------------------------------------------------


def test_summary_list_rows_and_actions():
    rows = [
        {
            "key": "Name",
            "value": "Alex Smith",
            "action_url": "/change/name",
            "action_label": "Change",
        },
        {"key": "Address", "value": "1 High Street\nLincoln"},
    ]
    dom = Dom(render_to_string("includes/summary_list.html", {"rows": rows, "title": "Child"}))
    assert dom.all("div", "govuk-summary-card")
    assert dom.all("h2", "govuk-summary-card__title")[0].text == "Child"
    row_divs = dom.all("div", "govuk-summary-list__row")
    assert "govuk-summary-list__row--no-actions" in row_divs[1].classes
    assert "govuk-summary-list__row--no-actions" not in row_divs[0].classes
    link = dom.all("a")[0]
    assert link.attrs["href"] == "/change/name"
    assert link.children[0].text == " name (Child)"
    assert len(dom.all("br")) == 1
    plain = render_to_string("includes/summary_list.html", {"rows": rows[1:]})
    assert "--no-actions" not in plain and "govuk-summary-card" not in plain


def test_table_cells_can_be_text_links_or_tags():
    html = render_to_string(
        "includes/table.html",
        {
            "caption": "Open cases",
            "head": ["Reference", {"text": "Days", "numeric": True}, "Stage"],
            "rows": [
                [
                    {"text": "LIN-2026-0001", "url": "/cases/1/"},
                    {"text": 12, "numeric": True},
                    {"text": "Rapid review", "tag": True, "tag_colour": "amber"},
                ]
            ],
            "first_cell_is_header": True,
        },
    )
    dom = Dom(html)
    assert dom.all("caption")[0].text == "Open cases"
    assert "govuk-table__header--numeric" in dom.all("th")[1].classes
    row_header = dom.all("th")[3]
    assert row_header.attrs["scope"] == "row"
    assert row_header.children[0].attrs["href"] == "/cases/1/"
    assert "govuk-table__cell--numeric" in dom.all("td")[0].classes
    assert "govuk-tag--yellow" in dom.all("strong")[0].classes
    empty = render_to_string("includes/table.html", {"rows": [], "empty_text": "No cases"})
    assert "<table" not in empty and "No cases" in empty


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        ("red", "govuk-tag govuk-tag--red"),
        ("amber", "govuk-tag govuk-tag--yellow"),
        ("green", "govuk-tag govuk-tag--green"),
        ("grey", "govuk-tag govuk-tag--grey"),
        ("blue", "govuk-tag"),
        (None, "govuk-tag"),
    ],
)
def test_tag_colours(colour, expected):
    html = render_to_string("includes/tag.html", {"text": "Overdue", "colour": colour})
    assert f'<strong class="{expected}">Overdue</strong>' in html


def test_pagination_keeps_filters_and_elides():
    request = RequestFactory().get("/cases/", {"stage": "rr", "page": "10"})
    page = Paginator(range(400), 10).page(10)
    dom = Dom(render_to_string("includes/pagination.html", {"page": page}, request=request))
    nav = dom.all("nav")[0]
    assert nav.attrs["aria-label"] == "Pagination"
    current = dom.all("li", "govuk-pagination__item--current")[0].children[0]
    assert current.attrs["aria-current"] == "page"
    assert current.attrs["href"] == "?stage=rr&page=10"
    numbers = [
        a.text.strip() for a in dom.all("a") if a.attrs.get("aria-label", "").startswith("Page")
    ]
    assert numbers == ["1", "9", "10", "11", "40"]
    assert len(dom.all("li", "govuk-pagination__item--ellipsis")) == 2
    assert dom.all("a")[0].attrs["rel"] == "prev"
    one_page = Paginator(range(5), 10).page(1)
    assert render_to_string("includes/pagination.html", {"page": one_page}).strip() == ""


def test_buttons_back_link_and_panel():
    html = render_to_string("includes/button.html", {"text": "Save", "variant": "secondary"})
    assert 'type="submit"' in html and "govuk-button govuk-button--secondary" in html
    html = render_to_string("includes/button.html", {"text": "Start", "url": "/s", "start": True})
    assert 'role="button"' in html and "govuk-button--start" in html
    html = render_to_string("includes/back_link.html", {"url": "/cases/"})
    # In its own landmark (issue 15, 8: axe "region").
    assert html.strip() == (
        '<nav aria-label="Back"><a href="/cases/" class="govuk-back-link">Back</a></nav>'
    )
    html = render_to_string("includes/panel.html", {"title": "Referral sent", "body": "LIN-1"})
    assert "govuk-panel--confirmation" in html and '<h1 class="govuk-panel__title">' in html


# --- page shell ----------------------------------------------------------------------------------

SHELL_TEMPLATES = [
    {
        **settings.TEMPLATES[0],
        "OPTIONS": {
            **settings.TEMPLATES[0]["OPTIONS"],
            "context_processors": [
                p
                for p in settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
                if not p.startswith("cases.")
            ],
        },
    }
]


def _membership(name, slug):
    return SimpleNamespace(partnership=SimpleNamespace(name=name, slug=slug))


@pytest.fixture
def shell_html():
    request = RequestFactory().get("/p/lincs/cases/")
    request.user = SimpleNamespace(is_authenticated=True)
    request.partnership = SimpleNamespace(name="Lincolnshire SCP", slug="lincs")
    request.membership = SimpleNamespace(role_labels=["Business manager", "Executive"])
    request._messages = CookieStorage(request)
    request._messages.add(constants.SUCCESS, "Case opened")
    request._messages.add(constants.INFO, "Reminder sent")
    context = {
        "nav_items": [
            {"label": "My work", "url": "/p/lincs/", "active": False},
            {"label": "Cases", "url": "/p/lincs/cases/", "active": True},
        ],
        "user_memberships": [
            _membership("Lincolnshire SCP", "lincs"),
            _membership("Swindon SCP", "swindon"),
        ],
        "account_links": [
            {"label": "Your account", "url": "/account/"},
            {"label": "Sign out", "url": "/accounts/logout/"},
        ],
    }
    with override_settings(TEMPLATES=SHELL_TEMPLATES):
        html = render_to_string("pages/my_work.html", context, request=request)
    assert get_messages(request).used, "the page shows (and so consumes) the messages"
    return html


def test_shell_landmarks_and_skip_link(shell_html):
    dom = Dom(shell_html)
    html_tag = dom.all("html")[0]
    assert html_tag.attrs == {"lang": "en-GB", "class": "govuk-template"}
    body = dom.all("body")[0]
    assert body.classes == {"govuk-template__body"}
    assert body.children[0].tag == "a" and "govuk-skip-link" in body.children[0].classes
    assert body.children[0].attrs["href"] == "#main-content"
    assert len(dom.all("header")) == 1 and len(dom.all("footer")) == 1
    main = dom.by_id("main-content")
    assert main.tag == "main"
    assert len(dom.all("h1")) == 1
    assert dom.all("title")[0].text == "My work – Practice Review Manager"


def test_shell_header_navigation_partnership_and_roles(shell_html):
    dom = Dom(shell_html)
    brand = dom.all("a", "govuk-generic-header__homepage-link")[0]
    assert brand.text.strip() == "Practice Review Manager"
    assert "govuk-header__logotype" not in shell_html  # no crown: not a GOV.UK service
    nav = next(n for n in dom.all("nav") if n.attrs.get("aria-label") == "Menu")
    active = nav.children[-1].children[1]
    assert "govuk-service-navigation__item--active" in active.classes
    assert active.children[0].attrs["aria-current"] == "page"
    assert "Lincolnshire SCP" in dom.all("strong", "app-header__partnership-name")[0].text
    assert "Business manager, Executive" in shell_html
    switcher = dom.all("details", "app-switcher")[0]
    hrefs = [a.attrs["href"] for a in switcher.iter() if a.tag == "a"]
    assert hrefs == ["/p/lincs/", "/p/swindon/"]
    sign_out = next(f for f in dom.all("form") if f.attrs.get("action") == "/accounts/logout/")
    assert sign_out.attrs["method"] == "post"
    assert shell_html.count("Sign out") == 1
    assert any(a.attrs.get("href") == "/account/" for a in dom.all("a"))
    phase = dom.all("div", "govuk-phase-banner")[0]
    assert "Beta" in phase.text_content()
    assert next(phase.ancestors()).tag == "header"


def test_shell_messages_footer_and_csp(shell_html):
    dom = Dom(shell_html)
    banners = dom.all("div", "govuk-notification-banner")
    assert [b.attrs["role"] for b in banners] == ["region", "alert"]
    assert "govuk-notification-banner--success" in banners[1].classes
    assert "Case opened" in banners[1].text_content()
    ids = [e.attrs["id"] for e in dom.root.iter() if e.attrs.get("id")]
    assert len(ids) == len(set(ids))
    footer = dom.all("footer")[0]
    assert any(a.attrs.get("href") == "/accessibility/" for a in footer.iter())
    assert "OFFICIAL-SENSITIVE" in footer.text_content()
    assert not any("style" in e.attrs for e in dom.root.iter())
    scripts = dom.all("script")
    assert scripts and all(s.attrs.get("type") == "module" and s.attrs.get("src") for s in scripts)
    assert scripts[0].attrs["src"].endswith("app/init.js")
    assert "<style" not in shell_html


def test_shell_renders_signed_out_without_context():
    request = RequestFactory().get("/accessibility/")
    request.user = SimpleNamespace(is_authenticated=False)
    html = render_to_string("pages/accessibility.html", {}, request=request)
    dom = Dom(html)
    assert len(dom.all("h1")) == 1
    assert not dom.all("nav") and "Sign out" not in html
    assert "WCAG" in html


@pytest.mark.parametrize("name", ["404.html", "403.html"])
def test_error_pages_extend_the_shell(name):
    request = RequestFactory().get("/missing/")
    html = render_to_string(name, {}, request=request)
    assert 'id="main-content"' in html and html.count("<h1") == 1


def test_500_page_is_static_html_with_vendored_css():
    source = (ROOT / "templates" / "500.html").read_text()
    assert "{%" not in source and "{{" not in source
    for href in re.findall(r'href="/static/([^"]+)"', source):
        assert (STATIC / href).is_file(), href
    assert 'id="main-content"' in source


# --- vendored govuk-frontend ---------------------------------------------------------------------


def test_vendored_govuk_frontend_is_complete_and_consistent():
    govuk = STATIC / "govuk"
    version = (govuk / "VERSION").read_text().strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    css = (govuk / "govuk-frontend.min.css").read_text()
    assert re.search(rf'--govuk-frontend-version: ?"{re.escape(version)}"', css)
    assert "GDS Transport" not in css  # licensed for GOV.UK domains only
    for url in set(re.findall(r"url\(\"?([^\")]+)\"?\)", css)):
        if not url.startswith("data:"):
            assert (govuk / url).is_file(), url
    js = (govuk / "govuk-frontend.min.js").read_text()
    assert f'const version="{version}"' in js and "initAll" in js
    init = (STATIC / "app" / "init.js").read_text()
    imported = re.search(r"from '([^']+)'", init).group(1)
    assert (STATIC / "app" / imported).resolve() == (govuk / "govuk-frontend.min.js").resolve()
    assert "govuk-frontend-supported" in init and "initAll()" in init


def test_a_model_fields_blank_choice_is_never_a_radio():
    """Issue 11 (1): "What happened to the child" showed a "---------" radio, checked."""
    from referrals.forms.draft import IncidentForm

    html = IncidentForm()["harm"].as_field_group()
    assert "---------" not in html
    assert 'value=""' not in html
    assert "checked" not in html
