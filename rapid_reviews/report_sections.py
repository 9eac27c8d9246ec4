"""The rapid review report's sections, in order, with the seed each comes from: Swindon 001
Appendix 4 (the Rapid Review Template), Lincolnshire 000 Appendix G and Dorset 002.

A section is text, or one of three structured kinds: the decision against each national
criterion (yes/no with notes), the recommendation (A to I, with "other"), and rows by agency.
The report's content is a dict of section key -> value; every saved version keeps all of it."""

from dataclasses import dataclass

TEXT, CRITERIA, RECOMMENDATION, ROWS = "text", "criteria", "recommendation", "rows"


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    source: str
    kind: str = TEXT
    hint: str = ""
    required: str = ""  # the error when missing at sign-off; empty: optional
    columns: tuple = ()  # ROWS: (key, label) of each column after the agency


SECTIONS = (
    Section(
        "participants",
        "Participants in the rapid review",
        "Swindon 001 Appendix 4 section 2; Lincolnshire 000 Appendix G",
        hint="One a line: name, role and agency. Prefilled from the terms of reference's"
        " membership.",
        required="Enter the participants in the rapid review",
    ),
    Section(
        "summary",
        "Summary of the serious incident and the family's circumstances",
        "Swindon 001 Appendix 4 section 3",
        hint="A brief outline of the child or children and family circumstances and the serious"
        " incident that triggered this rapid review.",
        required="Enter the summary of the serious incident",
    ),
    Section(
        "family_composition",
        "Family composition",
        "Swindon 001 Appendix 4 section 1; Dorset 002 (a genogram attached as a document)",
        hint="The children, family members and significant others. Attach a genogram to the case"
        " as a document and refer to it here.",
    ),
    Section(
        "case_summary",
        "Case summary and recent history",
        "Lincolnshire 000 Appendix G",
        required="Enter the case summary and recent history",
    ),
    Section("worked_well", "What worked well", "Lincolnshire 000 Appendix G"),
    Section("worried_about", "What are we worried about", "Lincolnshire 000 Appendix G"),
    Section(
        "immediate_action",
        "Immediate action taken for the safety of the child and siblings",
        "Swindon 001 Appendix 4 section 4",
        hint="If none, what action needs to be taken, when and by whom.",
        required="Enter the immediate action taken for the safety of the child and siblings",
    ),
    Section(
        "immediate_learning",
        "Immediate learning identified",
        "Swindon 001 Appendix 4 section 4",
        hint="How it will be acted on and by whom.",
    ),
    Section(
        "legal_advice",
        "Whether legal advice was sought",
        "Swindon 001 Appendix 4 section 4",
        required="Enter whether legal advice was sought",
    ),
    Section(
        "discussion",
        "Record of the rapid review discussion",
        "Swindon 001 Appendix 4 section 5",
        hint="Relevant background on the family, all of the children; reflection and analysis;"
        " the conclusion on the nature of the harm and how it meets the criteria for a review.",
        required="Enter the record of the rapid review discussion",
    ),
    Section(
        "criteria",
        "Decision against the criteria",
        "Swindon 001 Appendix 4 section 6 (Working Together)",
        kind=CRITERIA,
        required="Answer yes or no for every criterion",
    ),
    Section(
        "recommendation",
        "Recommendation",
        "Swindon 001 Appendix 4 section 7",
        kind=RECOMMENDATION,
        required="Select the recommendation",
    ),
    Section(
        "rationale",
        "Rationale for the recommendation",
        "Swindon 001 Appendix 4 section 7",
        hint="What the next steps are going to be and why.",
        required="Enter the rationale for the recommendation",
    ),
    Section(
        "good_practice",
        "Good practice identified",
        "Swindon 001 Appendix 4 section 8",
        kind=ROWS,
        columns=(("evidence", "Evidence of good practice"),),
    ),
    Section(
        "learning_actions",
        "Learning and actions identified",
        "Swindon 001 Appendix 4 section 9",
        kind=ROWS,
        columns=(
            ("learning", "Learning and recommendations"),
            ("action", "Action"),
            ("due", "Due by (optional, YYYY-MM-DD)"),
            ("success_measure", "How success will be measured (optional)"),
        ),
    ),
    Section(
        "panel_thoughts",
        "Thoughts for the National Panel on a national review",
        "Swindon 001 Appendix 4 section 9",
    ),
    Section(
        "family_learning",
        "What learning the family will be told",
        "Dorset 002 6.7",
    ),
)
BY_KEY = {s.key: s for s in SECTIONS}
KEYS = tuple(BY_KEY)

# Swindon 001 Appendix 4 section 6: "considered the following questions from 'Working together'
# and have agreed that the case has the potential to meet the following criteria".
CRITERIA_LIST = (
    (
        "improvements",
        "Highlights or may highlight improvements needed to safeguard and promote the welfare of"
        " children, including where those improvements have been previously identified",
    ),
    (
        "recurrent_themes",
        "Highlights or may highlight recurrent themes in the safeguarding and promotion of the"
        " welfare of children",
    ),
    (
        "two_or_more_agencies",
        "Highlights or may highlight concerns regarding two or more organisations or agencies"
        " working together effectively to safeguard and promote the welfare of children",
    ),
    (
        "panel_local_review",
        "The case is one which the Child Safeguarding Practice Review Panel has considered and"
        " concluded a local review may be more appropriate",
    ),
    (
        "single_agency",
        "Safeguarding partners have cause for concern about the actions of a single agency",
    ),
    (
        "no_agency_involvement",
        "There has been no agency involvement and this gives the safeguarding partners cause for"
        " concern",
    ),
    (
        "more_than_one_area",
        "More than one local authority, police area or ICB is involved, including in cases where"
        " families have moved around",
    ),
    (
        "institutional_settings",
        "The case may raise issues relating to safeguarding or promoting the welfare of children"
        " in institutional settings",
    ),
    ("none_of_the_above", "None of the above"),
)
CRITERIA_KEYS = tuple(k for k, _ in CRITERIA_LIST)
YES_NO = (("yes", "Yes"), ("no", "No"))

# Swindon 001 Appendix 4 section 7: "After completing this Rapid Review it has been agreed that
# this case:"
RECOMMENDATIONS = (
    ("A", "A) Meets the criteria for a national Child Safeguarding Practice Review"),
    ("B", "B) Meets the criteria for a Local Child Safeguarding Practice Review"),
    ("C", "C) Does not meet the criteria but warrants an alternative Learning Review"),
    ("D", "D) Warrants consideration of DHR, SAR, MAPPA SFO or other"),
    ("E", "E) Warrants a Single-Agency Review"),
    ("F", "F) Warrants a Multi-Agency Audit"),
    ("G", "G) Warrants a Single Agency Audit"),
    ("H", "H) Needs no Further Action"),
    ("I", "I) Other"),
)
RECOMMENDATION_LABELS = dict(RECOMMENDATIONS)
# Options whose template says "OTHER – PLEASE STATE": the details are required for I.
DETAIL_REQUIRED = {"I": "Enter what the other recommendation is"}


def empty_value(section: Section):
    if section.kind == CRITERIA:
        return {k: {"decision": "", "notes": ""} for k in CRITERIA_KEYS}
    if section.kind == RECOMMENDATION:
        return {"choice": "", "other": ""}
    if section.kind == ROWS:
        return []
    return ""


def empty_content() -> dict:
    return {s.key: empty_value(s) for s in SECTIONS}


def normalise(key: str, value):
    """A section's value in its stored shape (whatever the form or the API sent); ValueError
    when it cannot be."""
    section = BY_KEY[key]
    if section.kind == TEXT:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValueError("Enter text")
        return value.replace("\r\n", "\n").strip()
    if section.kind == CRITERIA:
        if not isinstance(value, dict):
            raise ValueError("Give a decision and notes for each criterion")
        out = {}
        for k in CRITERIA_KEYS:
            item = value.get(k) or {}
            if not isinstance(item, dict):
                raise ValueError("Give a decision and notes for each criterion")
            decision = item.get("decision") or ""
            if decision not in ("", "yes", "no"):
                raise ValueError("Answer yes or no for each criterion")
            out[k] = {"decision": decision, "notes": str(item.get("notes") or "").strip()}
        unknown = set(value) - set(CRITERIA_KEYS)
        if unknown:
            raise ValueError(f"Not a criterion: {', '.join(sorted(unknown))}")
        return out
    if section.kind == RECOMMENDATION:
        if not isinstance(value, dict):
            raise ValueError("Give the recommendation's choice and any details")
        choice = value.get("choice") or ""
        if choice not in ("", *RECOMMENDATION_LABELS):
            raise ValueError("Select a recommendation from A to I")
        return {"choice": choice, "other": str(value.get("other") or "").strip()}
    if not isinstance(value, list):
        raise ValueError("Give a list of rows")
    keys = ("agency", *(k for k, _ in section.columns))
    rows = []
    for row in value:
        if not isinstance(row, dict):
            raise ValueError("Give each row as an object")
        clean = {k: str(row.get(k) or "").strip() for k in keys}
        if any(clean.values()):
            rows.append(clean)
    return rows


def is_blank(key: str, value) -> bool:
    section = BY_KEY[key]
    if section.kind == CRITERIA:
        return any(not (value.get(k) or {}).get("decision") for k in CRITERIA_KEYS)
    if section.kind == RECOMMENDATION:
        return not value.get("choice")
    return not value


def as_text(key: str, value) -> str:
    """A section as plain text: for the version diff and the conflict message."""
    section = BY_KEY[key]
    if section.kind == TEXT:
        return value or ""
    if section.kind == CRITERIA:
        labels = dict(CRITERIA_LIST)
        return "\n".join(
            f"{labels[k]}: {(value.get(k) or {}).get('decision') or 'not answered'}"
            + (f" ({value[k]['notes']})" if (value.get(k) or {}).get("notes") else "")
            for k in CRITERIA_KEYS
        )
    if section.kind == RECOMMENDATION:
        label = RECOMMENDATION_LABELS.get(value.get("choice") or "", "Not chosen")
        return label + (f": {value['other']}" if value.get("other") else "")
    return "\n".join(" | ".join(v for v in row.values() if v) for row in value)
