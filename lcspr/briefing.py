"""The Synopsis of Learning as a 7-minute briefing (Warwickshire format; Dorset 002 8.7-8.9,
BCP 003 section 14 and Appendix A): seven short sections, each small enough that the briefing
fits one A4 page."""

SECTION_LIMIT = 700
DOCUMENT_TYPE = "synopsis_of_learning"

# (field, number, label, the error when it is blank at sign-off)
SECTIONS = (
    ("background", 1, "Background", "Enter the background"),
    ("why_it_matters", 2, "Why it matters", "Enter why it matters"),
    (
        "information",
        3,
        "Information: what happened and what the review found",
        "Enter the information",
    ),
    (
        "think_about",
        4,
        "Think about: what practitioners should reflect on",
        "Enter what to think about",
    ),
    (
        "questions",
        5,
        "Questions to ask yourself and your team",
        "Enter the questions to ask yourself and your team",
    ),
    ("what_to_do", 6, "What should I do now", "Enter what to do now"),
    (
        "further_information",
        7,
        "Further information and resources",
        "Enter the further information and resources",
    ),
)
SECTION_FIELDS = tuple(s[0] for s in SECTIONS)
