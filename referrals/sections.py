"""The referral form's structure: sections of question pages, and the repeating lists.
Pages, the task list, "check your answers" and the completeness rules all read this."""

from __future__ import annotations

from dataclasses import dataclass

from config.wording import with_article
from referrals.completeness import NEEDS
from referrals.forms import draft as f


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    form: type
    external_form: type | None = None

    def form_for(self, referral):
        return self.external_form if referral.is_external and self.external_form else self.form


@dataclass(frozen=True)
class Collection:
    slug: str
    title: str
    noun: str  # "child", "family member", "agency"
    steps: tuple[tuple[str, str, type], ...]  # (step slug, heading, form)
    hint: str = ""

    @property
    def add_label(self) -> str:
        """The button on an empty list: "Add a child", "Add an agency"."""
        return f"Add {with_article(self.noun)}"

    def step(self, slug: str):
        for n, (s, heading, form) in enumerate(self.steps):
            if s == slug:
                return n, heading, form
        return None

    def next_step(self, slug: str) -> str | None:
        n = self.step(slug)[0]
        return self.steps[n + 1][0] if n + 1 < len(self.steps) else None


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    pages: tuple[Page, ...] = ()
    collection: Collection | None = None

    @property
    def required(self) -> bool:
        """Triage needs something here whatever the other answers (referrals.completeness)."""
        slugs = {p.slug for p in self.pages} | (
            {self.collection.slug} if self.collection else set()
        )
        return any(need.always and need.page in slugs for need in NEEDS)


COLLECTIONS = {
    "children": Collection(
        "children",
        "The child or children",
        "child",
        (
            ("details", "About the child", f.ChildDetailsForm),
            ("background", "The child's background", f.ChildBackgroundForm),
            ("plans", "Plans and legal status", f.ChildPlansForm),
        ),
        hint="Add each child the referral is about. Siblings go under family.",
    ),
    "family": Collection(
        "family",
        "Family and significant others",
        "person",
        (("person", "Family member or significant other", f.PersonForm),),
        hint="Parents, carers, siblings and anyone else significant in the child's life.",
    ),
    "agencies": Collection(
        "agencies",
        "Agencies known to be involved",
        "agency",
        (("agency", "Agency involved", f.AgencyContactForm),),
        hint="Evidence of multi-agency working: who was involved, and are they still?",
    ),
}

SECTIONS: tuple[Section, ...] = (
    Section(
        "referrer",
        "Referrer details",
        (Page("referrer", "Referrer details", f.ReferrerForm, f.ExternalReferrerForm),),
    ),
    Section("children", "The child or children", collection=COLLECTIONS["children"]),
    Section("family", "Family and significant others", collection=COLLECTIONS["family"]),
    Section("agencies", "Agencies involved", collection=COLLECTIONS["agencies"]),
    Section(
        "incident",
        "What happened",
        (
            Page("incident", "When and where it happened", f.IncidentForm),
            Page("what-happened", "What happened", f.WhatHappenedForm),
            Page("why-now", "Why now", f.WhyNowForm),
            Page("immediate-action", "Immediate action taken", f.ImmediateActionForm),
        ),
    ),
    Section(
        "reasons",
        "Why you are referring",
        (
            Page("reasons", "Reasons for referral", f.ReasonsForm),
            Page("characteristics", "Characteristics of the case", f.CharacteristicsForm),
            Page("proceedings", "Plans and proceedings", f.ProceedingsForm),
            Page("discussion", "Discussed before referring", f.DiscussionForm),
        ),
    ),
    Section(
        "reflections",
        "Your reflections",
        (
            Page("summary", "Summary of events", f.SummaryForm),
            Page("criteria", "Why it meets the criteria", f.CriteriaForm),
            Page("worked-well", "What worked well", f.WorkedWellForm),
            Page("worries", "What you are worried about", f.WorriesForm),
            Page("key-issues", "Key issues for the review", f.KeyIssuesForm),
        ),
    ),
    Section(
        "family-involvement",
        "Involving the child and family",
        (Page("family-involvement", "Involving the child and family", f.FamilyInvolvementForm),),
    ),
    Section(
        "anything-else",
        "Anything else",
        (Page("anything-else", "Anything else", f.AnythingElseForm),),
    ),
)

PAGES: dict[str, Page] = {p.slug: p for s in SECTIONS for p in s.pages}
PAGE_ORDER: list[str] = [p.slug for s in SECTIONS for p in s.pages]


def section_of_page(slug: str) -> Section:
    return next(s for s in SECTIONS if any(p.slug == slug for p in s.pages))


def next_page(slug: str) -> str | None:
    """The next page in the same section, or None at the end of the section."""
    section = section_of_page(slug)
    slugs = [p.slug for p in section.pages]
    n = slugs.index(slug)
    return slugs[n + 1] if n + 1 < len(slugs) else None
