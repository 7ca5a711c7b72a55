"""The A-Z subject browse: subject headings with their record counts, by first letter.

Requests read ``SubjectHeading`` rows (an index range per letter, a few milliseconds at any
catalog size). The rows are derived: ``refresh_headings`` counts the subjects of every record
and writes only the differences; the worker runs it after the catalog changed, no more often
than ``RefreshSchedule`` allows, so its cost stays a small share of the worker's time. See
docs/decisions/0008-subject-browse-table.md for the measurements behind this.
"""

from __future__ import annotations

import string
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypedDict

from django.db import connection
from django.db.models import QuerySet

from simpul.catalog.models import Record, SubjectHeading
from simpul.catalog.search import fold

OTHER = "#"  # the letter of headings that do not start with a-z (digits, other scripts)
OTHER_PARAM = "lainnya"  # how OTHER is written in URLs
PAGE_SIZE = 100
LETTERS = (*string.ascii_lowercase, OTHER)
MAX_HEADING = 500  # longer values are not headings but stray text; they are left out
CHUNK = 500


def sort_key(heading: str) -> str:
    """How headings are ordered: without case, accents or punctuation."""
    return fold(heading)[:MAX_HEADING]


def letter_of(heading: str) -> str:
    key = sort_key(heading)
    return key[0] if key and key[0] in string.ascii_lowercase else OTHER


def count_subjects(subject_lists: Iterable[list[str]]) -> Counter[str]:
    """Records per heading, as the search index counts them: trimmed, once per record."""
    counts: Counter[str] = Counter()
    for subjects in subject_lists:
        if isinstance(subjects, list):
            counts.update({s.strip() for s in subjects if isinstance(s, str) and s.strip()})
    return counts


def refresh_headings() -> int:
    """Make ``SubjectHeading`` match the records; returns how many rows changed.

    Counting reads every record's subjects (5 s at a million records); the writes touch only
    headings that appeared, disappeared or changed count, in statements of CHUNK rows that
    commit one by one, so no writer (a loan at the desk) waits behind a long transaction. A
    reader may briefly see a refresh half done: some rows already new, others still old.
    """
    rows = Record.objects.public().values_list("subjects", flat=True).order_by()
    counts = count_subjects(rows.iterator(chunk_size=5000))
    counts = Counter({h: n for h, n in counts.items() if len(h) <= MAX_HEADING})
    known = dict(SubjectHeading.objects.values_list("heading", "records"))
    gone = [heading for heading in known if heading not in counts]
    new = [heading for heading in counts if heading not in known]
    changed: dict[int, list[str]] = defaultdict(list)
    for heading, n in counts.items():
        if heading in known and known[heading] != n:
            changed[n].append(heading)
    for chunk in _chunks(gone):
        SubjectHeading.objects.filter(heading__in=chunk).delete()
    for chunk in _chunks(new):
        SubjectHeading.objects.bulk_create(
            [
                SubjectHeading(
                    heading=h, sort_key=sort_key(h), letter=letter_of(h), records=counts[h]
                )
                for h in chunk
            ],
            ignore_conflicts=True,  # another refresh running at the same time wrote it first
        )
    for n, headings in changed.items():
        for chunk in _chunks(headings):
            SubjectHeading.objects.filter(heading__in=chunk).update(records=n)
    return len(gone) + len(new) + sum(len(headings) for headings in changed.values())


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


@dataclass
class RefreshSchedule:
    """When the worker refreshes the headings.

    After the catalog changed (``changed()``: the worker drained the outbox or ran an import),
    at most once per ``min_interval`` seconds and never more than ``max_share`` of the time, so
    a refresh of 7 s at a million records waits 140 s after the previous one. Changes the
    worker does not see (``manage.py import_marc`` indexes by itself) are caught by a refresh
    at least every ``max_age`` seconds.
    """

    min_interval: float = 5.0
    max_share: float = 0.05
    max_age: float = 600.0
    pending: bool = True  # a fresh worker does not know what changed while it was stopped
    next_at: float = 0.0  # the earliest time for the next refresh
    stale_at: float = 0.0  # the time a refresh is due even without a known change

    def changed(self) -> None:
        self.pending = True

    def run_if_due(self, *, now: float | None = None, eager: bool = False) -> bool:
        """Refresh if it is time; ``eager`` ignores the interval when something changed."""
        now = time.monotonic() if now is None else now
        due = (self.pending and (eager or now >= self.next_at)) or now >= self.stale_at
        if not due:
            return False
        self.pending = False
        started = time.monotonic()
        try:
            refresh_headings()
        except Exception:
            self.pending = True  # try again after the interval
            raise
        finally:
            took = time.monotonic() - started
            finished = now + took
            self.next_at = finished + max(self.min_interval, took / self.max_share)
            self.stale_at = max(self.next_at, finished + self.max_age)
        return True


@dataclass(frozen=True)
class Letter:
    """One entry of the letter bar."""

    param: str  # the ``huruf`` URL parameter
    label: str
    present: bool  # some heading starts with it
    current: bool


def letter_from_param(raw: str) -> str | None:
    """The letter a ``huruf`` parameter names, or None when it names none."""
    raw = raw.strip().lower()
    if raw == OTHER_PARAM:
        return OTHER
    return raw if len(raw) == 1 and raw in string.ascii_lowercase else None


def letters_in_use() -> set[str]:
    """The letters some heading starts with. A recursive query jumps from letter to letter
    through the index (a "loose index scan"), so the cost does not grow with the catalog."""
    table = connection.ops.quote_name(SubjectHeading._meta.db_table)
    sql = (
        f"WITH RECURSIVE seen(letter) AS (SELECT MIN(letter) FROM {table} UNION ALL "
        f"SELECT (SELECT MIN(letter) FROM {table} WHERE letter > seen.letter) FROM seen "
        "WHERE seen.letter IS NOT NULL) SELECT letter FROM seen WHERE letter IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {letter for (letter,) in cursor.fetchall()}


def letter_bar(present: set[str], current: str, other_label: str) -> list[Letter]:
    return [
        Letter(
            param=OTHER_PARAM if letter == OTHER else letter,
            label=other_label if letter == OTHER else letter.upper(),
            present=letter in present,
            current=letter == current,
        )
        for letter in LETTERS
    ]


class HeadingRow(TypedDict):
    heading: str
    records: int


def headings(letter: str) -> QuerySet[SubjectHeading, HeadingRow]:
    """``heading`` and ``records`` of the headings under ``letter`` in browse order (a
    QuerySet: page it, do not list it).

    The index (letter, sort_key, heading, records) holds all of it, so a page is read from the
    index alone and a deep page only skips index entries: page 60 costs about what page 1 does.
    """
    return (
        SubjectHeading.objects.filter(letter=letter)
        .order_by("sort_key", "heading")
        .values("heading", "records")
    )
