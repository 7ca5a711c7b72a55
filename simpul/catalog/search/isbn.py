"""ISBNs as search keys: 13 digits whatever way they were written."""

from __future__ import annotations

import re

_NOT_ISBN_CHARACTER = re.compile(r"[^0-9Xx]")
_ISBN10 = re.compile(r"[0-9]{9}[0-9Xx]")
_ISBN13 = re.compile(r"97[89][0-9]{10}")


def normalize_isbn(text: str) -> str | None:
    """``"978-602-03-3295-6"``, ``"602033295X"`` → the 13-digit form; None if not an ISBN.

    Check digits are not verified: catalogs hold mistyped ISBNs and people search for them.
    """
    compact = _NOT_ISBN_CHARACTER.sub("", text[:40])
    if len(compact) > 17 or len(compact) < 10:
        return None
    if _ISBN13.fullmatch(compact):
        return compact
    if _ISBN10.fullmatch(compact):
        return isbn10_to_13(compact)
    return None


def looks_like_isbn(text: str) -> bool:
    """True for a word made only of ISBN characters and separators that normalizes to an ISBN."""
    return bool(re.fullmatch(r"[0-9Xx][0-9Xx \-‐–]{8,16}[0-9Xx]", text)) and bool(
        normalize_isbn(text)
    )


def isbn10_to_13(isbn10: str) -> str:
    """The ISBN-13 of an ISBN-10 (``978`` prefix, new check digit)."""
    body = "978" + isbn10[:9]
    total = sum(int(digit) * (1 if i % 2 == 0 else 3) for i, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)
