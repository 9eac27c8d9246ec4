from django.core.exceptions import ValidationError

NHS_NUMBER_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def normalise_nhs_number(value: str) -> str:
    return "".join(ch for ch in value if not ch.isspace() and ch != "-")


def nhs_number_is_valid(value: str) -> bool:
    """Modulus 11 check of a 10-digit NHS number (NHS Data Dictionary)."""
    digits = normalise_nhs_number(value)
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], NHS_NUMBER_WEIGHTS, strict=True))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def validate_nhs_number(value: str) -> None:
    if not value:
        return
    digits = normalise_nhs_number(value)
    if len(digits) != 10 or not digits.isdigit():
        raise ValidationError("Enter an NHS number with 10 digits, like 943 476 5919.")
    if not nhs_number_is_valid(digits):
        raise ValidationError(
            "Enter a valid NHS number: the check digit does not match. Check it has been "
            "copied correctly."
        )
