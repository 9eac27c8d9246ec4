"""Default lookup lists for a partnership, from the seed procedures. A business manager edits
them afterwards (referrals.services.lookups); referrals keep the keys they were given."""

from __future__ import annotations

from referrals.choices import LookupKind

Item = tuple[str, str]

# Lincolnshire Appendix A, section 5, and the Media Interest Referral (seed 000).
LINCOLNSHIRE_REASONS: list[Item] = [
    ("partner_notification", "Partner notification of a serious incident"),
    ("learning_review", "Consideration for a multi-agency learning review"),
    ("media_interest", "Potential local or national media interest"),
]

# Swindon Appendix 2, Part 1, section 1.5 (seed 001); "Other reason" is a free-text answer.
SWINDON_REASONS: list[Item] = [
    (
        "death_abuse_neglect",
        "A child has died (including death by suicide) and abuse or neglect is known or suspected"
        " to be a factor in the death",
    ),
    (
        "serious_harm_working_together",
        "A child is seriously harmed and there are concerns about how organisations or"
        " professionals worked together to safeguard children",
    ),
    (
        "looked_after_death",
        "A child who is cared for by the local authority has died (including where abuse or"
        " neglect is not known or suspected)",
    ),
    (
        "regulated_setting_death",
        "A child in a regulated setting or service has died (including where abuse or neglect"
        " is not known or suspected)",
    ),
    (
        "custody_death",
        "A child has died in police custody, on remand or following sentencing, in a Young"
        " Offenders Institution, a secure training centre or a secure children's home",
    ),
    (
        "detention_death",
        "A child has died who was detained under the Mental Health Act 1983, or was the subject"
        " of a deprivation of liberty order under the Mental Capacity Act 2005",
    ),
    (
        "risk_not_recognised",
        "There was clear evidence of a risk of significant harm to a child that was not"
        " recognised, not shared with others or not acted on appropriately",
    ),
    (
        "procedures_failing",
        "The case indicates failings in the local operation of formal safeguarding procedures"
        " that go beyond the handling of this case",
    ),
    (
        "child_protection_plan",
        "The child was the subject of a child protection plan, or had previously been the"
        " subject of a plan or on the child protection register",
    ),
    (
        "national_implications",
        "The case may have national implications for systems or processes, or there are"
        " significant public interest or community issues",
    ),
]

# Lincolnshire Appendix D, "Characteristics of the incident" ("Other" is a free-text answer).
LINCOLNSHIRE_CHARACTERISTICS: list[Item] = [
    ("abuse_alcohol", "Abuse – alcohol"),
    ("abuse_peer_on_peer", "Abuse – peer on peer"),
    ("abuse_sexual_intrafamilial", "Abuse – sexual, intra-familial"),
    ("abuse_extra_familial", "Abuse – extra-familial"),
    ("emotional_abuse", "Abuse – emotional"),
    ("abuse_drugs_solvents", "Abuse – drugs or solvents"),
    ("abuse_fgm", "Abuse – physical: female genital mutilation"),
    ("abuse_self_harm", "Abuse – physical: self-harm"),
    ("abuse_online", "Abuse – online"),
    ("exploitation_modern_slavery", "Criminal exploitation – modern slavery"),
    ("exploitation_trafficking", "Criminal exploitation – trafficking"),
    ("exploitation_county_lines", "Criminal exploitation – county lines"),
    ("exploitation_other", "Criminal exploitation – other"),
    ("bullying", "Bullying"),
    ("harmful_behaviours", "Child's harmful behaviours"),
    ("extremism", "Extremism"),
    ("fabricated_illness", "Fabricated illness"),
    ("filicide", "Filicide (parent kills child)"),
    ("gang_violence", "Gang violence"),
    ("injury", "Injury"),
    ("child_exploitation", "Child exploitation"),
    ("knife_crime", "Knife crime"),
    ("road_traffic_accident", "Road traffic accident"),
    ("life_limiting_illness", "Life-limiting illness (natural causes)"),
    ("long_standing_neglect", "Neglect – longstanding"),
    ("recent_neglect", "Neglect – recent"),
    ("serious_illness", "Serious illness"),
    ("sudden_infant_death", "Sudden infant death"),
    ("shaken_baby_syndrome", "Shaken baby syndrome"),
    ("suicide", "Suicide"),
    ("not_yet_known", "Not yet known"),
]

# Swindon Appendix 2, Part 1, section 1.6 ("Other features" is a free-text answer).
SWINDON_CHARACTERISTICS: list[Item] = [
    ("domestic_abuse", "Domestic abuse"),
    ("alcohol_abuse", "Alcohol abuse"),
    ("drug_abuse", "Drug abuse"),
    ("parental_mental_health", "Parental mental health"),
    ("fabricated_illness", "Fabricated illness"),
    ("shaken_baby_syndrome", "Shaken baby syndrome"),
    ("sexual_abuse", "Sexual abuse"),
    ("parent_in_care", "Parent in care"),
    ("more_than_one_child", "More than one child abused"),
    ("teenage_pregnancy", "Child of teenage pregnancy"),
    ("parent_care_leaver", "Parent is care leaver"),
    ("serious_illness", "Serious illness"),
    ("emotional_abuse", "Emotional abuse"),
    ("recent_neglect", "Recent neglect"),
    ("long_standing_neglect", "Long standing neglect"),
    ("physical_abuse", "Physical abuse"),
]

# North Lincolnshire, "Differences of opinion" (seed 004).
NORTH_LINCOLNSHIRE_CHALLENGE_STEPS: list[Item] = [
    (
        "representatives",
        "The organisation's representative liaises with the safeguarding partners'"
        " representatives and the Multi Agency Innovation Hub",
    ),
    ("safeguarding_partners", "Referred to the safeguarding partners"),
    (
        "independent_scrutiny_officer",
        "Referred to an Independent Scrutiny Officer to facilitate a mediation meeting",
    ),
]

# Lincolnshire, "Escalation Procedure" (seed 000): challenges to a SIRG decision "will be heard by
# the Assurance Executive and the LSCP Independent Chair", together.
LINCOLNSHIRE_CHALLENGE_STEPS: list[Item] = [
    (
        "assurance_executive_and_chair",
        "Heard by the Assurance Executive and the LSCP Independent Chair together",
    ),
]
LINCOLNSHIRE_COMPLAINT_STEPS: list[Item] = [
    (
        "council_complaints",
        "Managed through the Lincolnshire County Council Corporate and Statutory Complaints"
        " Procedure",
    ),
    ("response_recorded", "Response recorded and retained by the LSCP Business Manager"),
]

# Swindon, "Duty on local authorities to notify" (seed 001): "Where there is disagreement, the
# safeguarding partners should follow the local resolution processes". The seed names no steps
# for a challenge to a decision (its section 2 steps are for disputes over information requests),
# so the partnership sets them in its settings.
SWINDON_CHALLENGE_STEPS: list[Item] = [
    (
        "local_resolution",
        "The safeguarding partners follow the local resolution process (the procedure does not"
        " set out its steps: add them in settings)",
    ),
]

# Dorset 2.1 (seed 002): discussed with the Head of QA and Partnerships, Dorset Council; "if there
# is no agreement this is to be escalated to the PDSCP Executive".
DORSET_CHALLENGE_STEPS: list[Item] = [
    (
        "local_authority_lead",
        "Discussed with the Head of Quality Assurance and Partnerships, Dorset Council",
    ),
    ("pdscp_executive", "Escalated to the PDSCP Executive"),
]

# BCP section 6 (seed 003): discussed with the BCP Council lead officer; "If both parties cannot
# agree upon a decision the partner agency must follow the PDSCP escalation process", whose steps
# the seed does not give.
BCP_CHALLENGE_STEPS: list[Item] = [
    (
        "local_authority_lead",
        "Discussed with the BCP Council lead officer (Head of Quality Assurance, Safeguarding and"
        " Partnerships)",
    ),
    (
        "pdscp_escalation",
        "The PDSCP escalation process (the procedure does not set out its steps: add them in"
        " settings)",
    ),
]

# BCP section 5 (seed 003): "A referral will always be made when a child has died or is seriously
# injured in" these settings.
BCP_REASONS: list[Item] = [
    (
        "childrens_home",
        "A child has died or is seriously injured in a children's home (including secure"
        " children's homes) or another setting with residential provision for children",
    ),
    (
        "custodial_setting",
        "A child has died or is seriously injured in a custodial setting, including police"
        " custody, young offender institutions and secure training centres",
    ),
    (
        "detention",
        "A child has died or is seriously injured where they were detained, including under the"
        " Mental Health Act 1983 or the Mental Capacity Act 2005",
    ),
]


def _union(*lists: list[Item]) -> list[Item]:
    seen: dict[str, str] = {}
    for items in lists:
        for key, label in items:
            seen.setdefault(key, label)
    return list(seen.items())


def _generic_challenge_steps(workflow: dict) -> list[Item]:
    # A partnership set up without one of the five seeds.
    group = workflow.get("review_group_name") or "review group"
    board = workflow.get("executive_board_name") or "executive"
    return [
        ("review_group", f"Reconsidered by the {group}"),
        ("executive", f"Escalated to the {board}"),
    ]


def _generic_complaint_steps(workflow: dict) -> list[Item]:
    board = workflow.get("executive_board_name") or "executive"
    return [
        ("business_manager", "The business manager investigates and responds"),
        ("executive", f"Heard by the {board}"),
    ]


def default_lookups(preset: str, workflow: dict) -> dict[str, list[Item]]:
    """The lists a partnership starts with, by its workflow preset."""
    if preset == "lincolnshire":
        reasons = _union(LINCOLNSHIRE_REASONS, SWINDON_REASONS)
        characteristics = LINCOLNSHIRE_CHARACTERISTICS
        challenge, complaint = LINCOLNSHIRE_CHALLENGE_STEPS, LINCOLNSHIRE_COMPLAINT_STEPS
    elif preset == "swindon":
        reasons = SWINDON_REASONS
        characteristics = SWINDON_CHARACTERISTICS
        challenge, complaint = SWINDON_CHALLENGE_STEPS, _generic_complaint_steps(workflow)
    else:
        reasons = _union(SWINDON_REASONS, LINCOLNSHIRE_REASONS)
        if preset == "bcp":
            reasons = _union(BCP_REASONS, reasons)
        characteristics = _union(SWINDON_CHARACTERISTICS, LINCOLNSHIRE_CHARACTERISTICS)
        challenge = {
            "north-lincolnshire": NORTH_LINCOLNSHIRE_CHALLENGE_STEPS,
            "dorset": DORSET_CHALLENGE_STEPS,
            "bcp": BCP_CHALLENGE_STEPS,
        }.get(preset) or _generic_challenge_steps(workflow)
        complaint = _generic_complaint_steps(workflow)
    return {
        LookupKind.REASON: list(reasons),
        LookupKind.CHARACTERISTIC: list(characteristics),
        LookupKind.CHALLENGE_STEP: list(challenge),
        LookupKind.COMPLAINT_STEP: list(complaint),
    }
