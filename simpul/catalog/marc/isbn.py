"""ISBN and ISSN: checking, normalising to ISBN-13, and saying what is wrong in words."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

# The first run of digits, hyphens and spaces that ends in a digit or X: what a cataloguer typed
# as the number, before qualifiers such as "(pbk.)" or ": Rp 75.000".
CANDIDATE = re.compile(r"[0-9][0-9\- ]*[0-9Xx]|[0-9]")
ISSN = re.compile(r"^([0-9]{4})-?([0-9]{3}[0-9X])$")


def _candidates(raw: str) -> list[str]:
    """Readings of the number in ``raw`` as digits (and a final X), most likely first.

    The first reading allows spaces inside the number ("978 0 306 40615 7"); the second stops
    at the first space, for "0-596-00108-8 12.95".
    """
    text = re.sub(r"\(.*?\)", " ", raw or "")
    text = re.sub(r"^\s*ISBN(?:-1[03])?:?\s*", "", text, flags=re.IGNORECASE)
    match = CANDIDATE.search(text)
    if not match:
        return [""]
    spaced = re.sub(r"[\- ]", "", match.group()).upper()
    first = re.sub(r"-", "", match.group().split()[0]).upper()
    return [spaced] if first == spaced else [spaced, first]


def _candidate(raw: str) -> str:
    """The reading of ``raw`` that is a valid ISBN, else the most likely one."""
    readings = _candidates(raw)
    for digits in readings:
        if is_valid_isbn10(digits) or is_valid_isbn13(digits):
            return digits
    return readings[-1] if len(readings[-1]) in (10, 13) else readings[0]


def isbn10_check_digit(first9: str) -> str:
    """The check digit ("0"-"9" or "X") for the first nine digits of an ISBN-10."""
    total = sum((10 - i) * int(d) for i, d in enumerate(first9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def isbn13_check_digit(first12: str) -> str:
    """The check digit for the first twelve digits of an ISBN-13 (EAN-13)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def is_valid_isbn10(digits: str) -> bool:
    """True for ten characters, nine digits and a digit or X, with a correct check digit."""
    return (
        len(digits) == 10
        and digits[:9].isdigit()
        and (digits[9].isdigit() or digits[9] == "X")
        and isbn10_check_digit(digits[:9]) == digits[9]
    )


def is_valid_isbn13(digits: str) -> bool:
    """True for thirteen digits starting 978 or 979 with a correct check digit."""
    return (
        len(digits) == 13
        and digits.isdigit()
        and digits[:3] in ("978", "979")
        and isbn13_check_digit(digits[:12]) == digits[12]
    )


def isbn10_to_13(isbn10: str) -> str:
    """The ISBN-13 of a valid ISBN-10; raises ValueError when ``isbn10`` is not one."""
    digits = _candidate(isbn10)
    if not is_valid_isbn10(digits):
        raise ValueError(f"not a valid ISBN-10: {isbn10!r}")
    first12 = "978" + digits[:9]
    return first12 + isbn13_check_digit(first12)


def normalize_isbn(raw: str) -> str | None:
    """The 13 digits of the ISBN in ``raw``, or None when it has no valid ISBN.

    Hyphens, spaces, an "ISBN" prefix and qualifiers such as "(pbk.)" or ": $39.95" are ignored;
    an ISBN-10 (with X as check digit) is converted. Never raises.
    """
    digits = _candidate(raw)
    if is_valid_isbn13(digits):
        return digits
    if is_valid_isbn10(digits):
        return isbn10_to_13(digits)
    return None


def isbn_error(raw: str) -> str | None:
    """Why ``raw`` is not a valid ISBN, in the active language; None when it is valid."""
    digits = _candidate(raw)
    if not digits:
        return str(_("ISBN tidak berisi angka."))
    if len(digits) not in (10, 13):
        return str(
            _("ISBN harus 10 atau 13 angka; yang tertulis {count} angka.").format(count=len(digits))
        )
    if "X" in digits[:-1] or (len(digits) == 13 and digits[-1] == "X"):
        return str(_("Huruf X hanya boleh menjadi digit terakhir ISBN-10."))
    if len(digits) == 13 and digits[:3] not in ("978", "979"):
        return str(_("ISBN-13 harus diawali 978 atau 979."))
    expected = (
        isbn10_check_digit(digits[:9]) if len(digits) == 10 else isbn13_check_digit(digits[:12])
    )
    if expected != digits[-1]:
        return str(
            _("Digit pemeriksa ISBN salah: seharusnya {expected}, tertulis {found}.").format(
                expected=expected, found=digits[-1]
            )
        )
    return None


def issn_check_digit(first7: str) -> str:
    """The check digit for the first seven digits of an ISSN."""
    total = sum((8 - i) * int(d) for i, d in enumerate(first7))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def normalize_issn(raw: str) -> str | None:
    """The ISSN in ``raw`` as "1234-567X" when its check digit is right, else None."""
    match = ISSN.match(re.sub(r"\s+", "", (raw or "").split("(")[0]).upper())
    if not match:
        return None
    digits = match.group(1) + match.group(2)
    if issn_check_digit(digits[:7]) != digits[7]:
        return None
    return f"{digits[:4]}-{digits[4:]}"
