"""How alike two records are: a score from 0 to 100 over title, author and year.

rapidfuzz compares the folded strings; rules on top of it keep apart what similar strings
cannot: volumes of a series (their numbers differ), editions, and different ISBNs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from simpul.catalog.marc.isbn import normalize_isbn
from simpul.catalog.search.analyzer import tokens

_DIGIT_WORD = re.compile(r"\d")
_NUMERALS = {
    "i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8",
    "ix": "9", "x": "10", "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5",
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "pertama": "1", "kedua": "2", "ketiga": "3", "first": "1", "second": "2", "third": "3",
}  # fmt: skip
WEIGHTS = {"title": 0.6, "author": 0.25, "year": 0.15}


@dataclass(frozen=True, slots=True)
class Profile:
    """What the matcher compares of one record, folded once."""

    title: str
    full_title: str
    numbers: frozenset[str]
    authors: tuple[str, ...]
    year: int | None
    edition: frozenset[str]
    isbns: frozenset[str]


def profile(values: Mapping[str, Any]) -> Profile:
    """The profile of a record's derived values (a Record's fields or ``records.values_of``)."""
    title = tokens(values["title"])
    full = title + tokens(values.get("subtitle") or "")
    return Profile(
        title=" ".join(title),
        full_title=" ".join(full),
        numbers=frozenset(_number(w) for w in title if _number(w)),
        authors=tuple(folded_name(a) for a in values["authors"][:3] if folded_name(a)),
        year=values.get("year"),
        edition=frozenset(_number(w) or w for w in tokens(values.get("edition") or "")),
        isbns=frozenset(values.get("isbns") or ()),
    )


def profile_text(value: Profile) -> str:
    """A profile as stored in MatchProfile (JSON: no folding when read back)."""
    return json.dumps(
        [
            value.title,
            value.full_title,
            sorted(value.numbers),
            list(value.authors),
            value.year,
            sorted(value.edition),
            sorted(value.isbns),
        ],
        ensure_ascii=False,
    )


def profile_from_text(text: str) -> Profile:
    """The inverse of ``profile_text``."""
    title, full_title, numbers, authors, year, edition, isbns = json.loads(text)
    return Profile(
        title, full_title, frozenset(numbers), tuple(authors), year, frozenset(edition),
        frozenset(isbns),
    )  # fmt: skip


def _number(word: str) -> str:
    if _DIGIT_WORD.search(word):
        return word.lstrip("0") or "0"
    return _NUMERALS.get(word, "")


def folded_name(author: str) -> str:
    """A name as sorted words, without dates: "Hirata, Andrea, 1982-" = "Andrea Hirata"."""
    return " ".join(sorted(w for w in tokens(author) if not _DIGIT_WORD.search(w)))


def score(a: Profile, b: Profile) -> int:
    """0-100: how likely ``a`` and ``b`` describe the same edition of the same work."""
    parts: dict[str, float] = {
        "title": max(
            fuzz.ratio(a.title, b.title),
            fuzz.ratio(a.full_title, b.full_title),
            fuzz.token_sort_ratio(a.full_title, b.full_title),
        )
    }
    if a.authors and b.authors:
        parts["author"] = max(fuzz.ratio(x, y) for x in a.authors for y in b.authors)
    if a.year and b.year:
        gap = abs(a.year - b.year)
        parts["year"] = 100.0 if gap == 0 else 70.0 if gap == 1 else 0.0
    weight = sum(WEIGHTS[name] for name in parts)
    value = sum(WEIGHTS[name] * part for name, part in parts.items()) / weight
    if a.numbers != b.numbers:  # volume 1 and volume 2 of a series
        value *= 0.7
    if a.edition and b.edition and a.edition != b.edition:
        value *= 0.8
    if a.isbns and b.isbns and not a.isbns & b.isbns:  # both identified, differently
        value *= 0.85
    if parts.get("author", 100) < 60:
        value *= 0.8
    if parts.get("year", 100) == 0:
        value *= 0.85
    return round(value)


def same_work(a: Mapping[str, Any], b: Mapping[str, Any], accept: int) -> tuple[bool, int]:
    """The merge engine's decision for two records' values, without the database: a shared
    normalised ISBN, else a score of at least ``accept``. (System numbers are not compared
    here: they are exact keys, as ISBNs are.)"""
    isbns_a = {normalize_isbn(i) for i in a.get("isbns") or ()} - {None}
    isbns_b = {normalize_isbn(i) for i in b.get("isbns") or ()} - {None}
    if isbns_a & isbns_b:
        return True, 100
    value = score(profile({**a, "isbns": isbns_a}), profile({**b, "isbns": isbns_b}))
    return value >= accept, value
