"""Small pieces of English the pages build from nouns."""

# Words spelt with a vowel that start with a consonant sound, and the other way round.
_A_BEFORE = ("one", "once", "uni", "use", "usu", "eu", "ewe")
_AN_BEFORE = ("hour", "honest", "honour", "heir")


def with_article(noun: str) -> str:
    """ "agency" -> "an agency", "child" -> "a child", "NHS number" -> "an NHS number"."""
    word = noun.strip()
    lower = word.lower()
    if lower.startswith(_AN_BEFORE):
        article = "an"
    elif lower.startswith(_A_BEFORE):
        article = "a"
    elif word[:2].isupper() and word[:1] in "AEFHILMNORSX":  # initialisms: "an NHS number"
        article = "an"
    else:
        article = "an" if lower[:1] in "aeiou" else "a"
    return f"{article} {word}"
