"""The merge engine: contributed records become holdings on the union catalog's records.

A batch is one transaction and costs a fixed number of queries: its contributions known
before, the candidates of all its keys, the candidates' fields, then set-based inserts.
Matching, in order: a shared ISBN, a shared system number, then the matcher's score, with
the thresholds ``UNION_MATCH_ACCEPT`` and ``UNION_MATCH_REVIEW``.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from simpul.catalog.bulk import allocate_ids, insert_rows
from simpul.catalog.marc.mapping import bib_fields
from simpul.catalog.models import Item, Record
from simpul.catalog.records import derived_values, fingerprint, queue_for_index
from simpul.catalog.services import delete_record
from simpul.lib.sqlite.checkpoints import checkpoints_elsewhere
from simpul.libraries.models import Library
from simpul.network.union import keys as keymod
from simpul.network.union.choices import MatchMethod, ReviewStatus
from simpul.network.union.matcher import Profile, score
from simpul.network.union.models import Contribution, Review
from simpul.network.union.prepare import (
    Outcome,
    Prepared,
    children_for_merge,
    holding_of,
    prepare,
    prepared_elsewhere,
    prepared_here,
    record_columns,
    union_marc,
)

CREATING = (MatchMethod.NEW, MatchMethod.UNMERGED)
MAX_CANDIDATES = 10
PROFILE_CACHE = 200_000  # profiles kept between the batches of one run
# Keys of similar records: the same title (with an author word or the year) first, then an
# author word with year and initials (a title with a typo).
SIMILAR_KEYS = (("t:", "y:"), ("a:",))
_json = json.JSONEncoder(ensure_ascii=False).encode


@dataclass
class Incoming:
    """One record as a contributing library sends it: MARC-in-JSON and its holdings."""

    local_id: str
    marc: dict[str, Any] | None = None
    call_number: str = ""
    copies: int | None = None
    opac_url: str = ""
    deleted: bool = False


@dataclass
class MergeReport:
    received: int = 0
    merged: int = 0
    created: int = 0
    reviews: int = 0
    updated: int = 0
    deleted: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: MergeReport) -> None:
        for name in ("received", "merged", "created", "reviews", "updated", "deleted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)


@dataclass
class _Match:
    record_id: int  # negative: a record this batch creates, not inserted yet
    method: str
    score: int


@dataclass
class _New:
    incoming: Incoming
    ready: Prepared
    match: _Match | None = None
    review: _Match | None = None
    temp_id: int = 0
    by_prefix: dict[str, list[str]] = field(default_factory=dict)
    scores: dict[int, int] = field(default_factory=dict)  # by candidate, once scored

    def __post_init__(self) -> None:
        self.by_prefix = self.ready.keys  # "i:", "t:" ...: each stage looks at its own keys

    def all_keys(self) -> list[str]:
        return [key for keys in self.by_prefix.values() for key in keys]


__all__ = ["Incoming", "MergeReport", "merge_all", "merge_batch", "record_values", "union_marc"]


def record_values(marc: dict[str, Any]) -> dict[str, Any]:
    """Everything a Record row stores about ``marc`` (MARC-in-JSON)."""
    return {"marc": marc, "fingerprint": fingerprint(marc), **derived_values(bib_fields(marc))}


def merge_batch(
    library: Library,
    batch: list[Incoming],
    *,
    origin: str,
    profiles: dict[int, Profile] | None = None,
    outcomes: list[Outcome] | None = None,
    sweep: bool = True,
) -> MergeReport:
    """Merge ``batch`` (at most a few thousand) from ``library``; all of it or nothing.
    ``profiles`` keeps candidates' matching profiles from one batch to the next of one run
    (catalog records do not change under a merge; a popular work is a candidate often);
    ``outcomes`` are the batch's records prepared elsewhere (``prepare.prepare``); ``sweep``
    first keys the catalog's records that have no keys yet (``keys.refresh_keys``)."""
    report = MergeReport(received=len(batch))
    if outcomes is None:
        outcomes = [prepare(incoming) for incoming in batch]
    with transaction.atomic():
        if sweep:
            keymod.refresh_keys()
        _Batch(library, origin, report, {} if profiles is None else profiles).run(batch, outcomes)
    return report


def merge_all(
    library: Library,
    records: Iterable[Incoming],
    *,
    origin: str,
    size: int = 1000,
    parallel: bool = False,
    on_batch: Callable[[MergeReport], None] | None = None,
) -> MergeReport:
    """Merge a stream of records batch by batch, each batch its own transaction; ``on_batch``
    hears each batch's report after its commit. With ``parallel`` (harvests and commands, not
    web requests: it forks) a stream of more than one batch is prepared by forked children
    while this process matches and writes, and SQLite's checkpoints run in a thread of
    their own. Unkeyed catalog records are keyed once, before the first batch: a record
    catalogued during a long merge is keyed by the worker's next round (each batch sweeping
    cost 26 ms, 5 % of a 100,000-record merge on PostgreSQL, decision 0012)."""
    total = MergeReport()
    batches = _batches(records, size)
    first = next(batches, None)
    if first is None:
        return total
    second = next(batches, None)
    chained = itertools.chain([first], [second] if second is not None else [], batches)
    stream = (
        prepared_elsewhere(chained, children_for_merge())
        if parallel and second is not None
        else prepared_here(chained)
    )
    profiles: dict[int, Profile] = {}
    statistics = _Statistics()
    long_run = parallel and second is not None
    with transaction.atomic():
        keymod.refresh_keys()
    with closing(stream), checkpoints_elsewhere() if long_run else nullcontext():
        for batch, outcomes in stream:
            report = merge_batch(
                library, batch, origin=origin, profiles=profiles, outcomes=outcomes, sweep=False
            )
            total.add(report)
            statistics.keep(total)
            if on_batch is not None:
                on_batch(report)
            if len(profiles) > PROFILE_CACHE:
                profiles.clear()
    return total


class _Statistics:
    """On PostgreSQL, ANALYZE the contributions table once this merge has added more rows than
    it had (at least 2,000). Without it the planner, believing a fresh table empty, looked up
    each batch's known contributions by a full scan: 18 of 59 s at 100,000 into 1,000,000.
    Once is enough: later the planner scales the row count by the table's size itself, and
    ANALYZE each time the merge doubled the table cost 1.5 s of that merge (decision 0012)."""

    def __init__(self) -> None:
        self.table_rows: int | None = None  # rows before the merge, as PostgreSQL estimates
        self.done = False

    def keep(self, total: MergeReport) -> None:
        if self.done or connection.vendor != "postgresql":
            return
        table = Contribution._meta.db_table
        if self.table_rows is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT GREATEST(reltuples, 0) FROM pg_class WHERE relname = %s", [table]
                )
                found = cursor.fetchone()
                self.table_rows = int(found[0]) if found else 0
        if total.merged + total.created > max(2_000, self.table_rows):
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
            self.done = True


def _batches(records: Iterable[Incoming], size: int) -> Iterator[list[Incoming]]:
    batch: list[Incoming] = []
    for incoming in records:
        batch.append(incoming)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Batch:
    def __init__(
        self, library: Library, origin: str, report: MergeReport, cache: dict[int, Profile]
    ) -> None:
        self.cache = cache
        self.library = library
        self.origin = origin
        self.report = report
        self.now = timezone.now()
        self.accept = settings.UNION_MATCH_ACCEPT
        self.review = settings.UNION_MATCH_REVIEW
        self.touched: set[int] = set()
        self.emptied: set[int] = set()

    def run(self, batch: list[Incoming], outcomes: list[Outcome]) -> None:
        latest = {  # the last one wins
            incoming.local_id: (incoming, outcome)
            for incoming, outcome in zip(batch, outcomes, strict=True)
        }
        known = {
            c.local_id: c
            for c in Contribution.objects.filter(library=self.library, local_id__in=list(latest))
        }
        fresh: list[_New] = []
        changed: list[Contribution] = []
        for local_id, (incoming, outcome) in latest.items():
            old = known.get(local_id)
            if incoming.deleted:
                if old is not None and not old.deleted:
                    self._withdraw(old)
                    changed.append(old)
                continue
            if incoming.marc is None:
                continue
            if old is not None and not old.deleted and old.record_id is not None:
                self._refresh(old, incoming)
                changed.append(old)
                continue
            if isinstance(outcome, Prepared):
                fresh.append(_New(incoming, outcome))
            elif outcome is not None:
                self.report.problems.append(outcome)
        self._match(fresh)
        self._write(fresh, known)
        if changed:
            Contribution.objects.bulk_update(
                changed,
                ["record", "marc", "call_number", "copies", "opac_url", "deleted", "updated_at"],
            )
            # A record gone at its source is no longer a question for the review queue.
            Review.objects.filter(
                contribution__in=[c.pk for c in changed if c.deleted],
                status=ReviewStatus.PENDING,
            ).update(status=ReviewStatus.REJECTED, decided_at=self.now)
        queue_for_index(sorted(self.touched))
        delete_empty(self.emptied)

    def _withdraw(self, old: Contribution) -> None:
        old.deleted = True
        old.updated_at = self.now
        self.report.deleted += 1
        if old.record_id is not None:
            self.emptied.add(old.record_id)
            self.touched.add(old.record_id)

    def _refresh(self, old: Contribution, incoming: Incoming) -> None:
        assert incoming.marc is not None
        call_number, copies = holding_of(incoming.marc, incoming.call_number, incoming.copies)
        old.marc, old.call_number, old.copies = incoming.marc, call_number, copies
        old.opac_url = incoming.opac_url[:500]
        old.updated_at = self.now
        self.report.updated += 1
        self.touched.add(old.record_id)  # type: ignore[arg-type]

    def _match(self, fresh: list[_New]) -> None:
        """Exact keys and the same title first, against the catalog; the author-year
        candidates are looked up only for what that left open, then everything still open is
        decided in order, also against the records this batch makes."""
        title_keys, (author_key,) = SIMILAR_KEYS
        found = keymod.records_by_key(
            {
                key
                for new in fresh
                for kind, keys in new.by_prefix.items()
                if kind != author_key
                for key in keys
            }
        )
        profiles = self._profiles(
            {pk for new in fresh for pk in _most_shared(_hits(new, title_keys, found))}
        )
        none: dict[str, list[int]] = {}
        open_ = []
        for new in fresh:
            new.match, _review = self._best(new, found, none, profiles)
            if new.match is None:
                open_.append(new)
        found.update(
            keymod.records_by_key(
                {key for new in open_ for key in new.by_prefix.get(author_key, ())}
            )
        )
        wanted = {pk for new in open_ for pk in _most_shared(_hits(new, author_key, found))}
        profiles.update(self._profiles(wanted - profiles.keys()))
        pending: dict[str, list[int]] = defaultdict(list)  # keys of records this batch makes
        for number, new in enumerate(open_, start=1):
            new.temp_id = -number
            new.match, new.review = self._best(new, found, pending, profiles)
            if new.match is None:
                profiles[new.temp_id] = new.ready.profile
                for key in new.all_keys():
                    pending[key].append(new.temp_id)

    def _profiles(self, record_ids: set[int]) -> dict[int, Profile]:
        self.cache.update(keymod.profiles_of(record_ids - self.cache.keys()))
        return {pk: self.cache[pk] for pk in record_ids if pk in self.cache}

    def _best(
        self,
        new: _New,
        found: dict[str, list[int]],
        pending: dict[str, list[int]],
        profiles: dict[int, Profile],
    ) -> tuple[_Match | None, _Match | None]:
        for prefix, method in (("i:", MatchMethod.ISBN), ("n:", MatchMethod.NUMBER)):
            exact = _hits(new, prefix, found) + _hits(new, prefix, pending)
            if exact:
                return _Match(sorted(exact, key=abs)[0], method, 100), None
        best: _Match | None = None
        # The same title first; the author-year key only when it found nothing certain.
        title_keys, (author_key,) = SIMILAR_KEYS
        for prefixes in (title_keys, author_key):
            for pk in _most_shared(_hits(new, prefixes, found) + _hits(new, prefixes, pending)):
                value = new.scores.get(pk)
                if value is None:
                    other = profiles.get(pk)
                    if other is None:
                        continue
                    value = new.scores[pk] = score(new.ready.profile, other)
                if best is None or value > best.score:
                    best = _Match(pk, MatchMethod.SIMILAR, value)
            if best is not None and best.score >= self.accept:
                return best, None
        if best is None or best.score < self.review:
            return None, None
        return None, best

    def _write(self, fresh: list[_New], known: dict[str, Contribution]) -> None:
        creating = [new for new in fresh if new.match is None]
        ids = allocate_ids(Record, len(creating))
        real = {new.temp_id: pk for new, pk in zip(creating, ids, strict=True)}
        _insert_records(self.library, [new.ready.row for new in creating], ids, self.now)
        keymod.add_keys(
            {real[new.temp_id]: new.all_keys() for new in creating},
            {real[new.temp_id]: new.ready.profile for new in creating},
        )
        decided: list[tuple[_New, int, str, int]] = []
        method: str
        for new in fresh:
            match = new.match
            if match is None:
                record_id, method = real[new.temp_id], MatchMethod.NEW
                self.report.created += 1
            else:
                record_id, method = real.get(match.record_id, match.record_id), match.method
                self.report.merged += 1
            self.touched.add(record_id)
            value = match.score if match else (new.review.score if new.review else 0)
            decided.append((new, record_id, method, value))
        saved = _save_contributions(self.library, self.origin, decided, known, self.now)
        reviews = [
            Review(
                contribution_id=pk,
                candidate_id=real.get(new.review.record_id, new.review.record_id),
                score=new.review.score,
            )
            for (new, *_rest), pk in zip(decided, saved, strict=True)
            if new.review is not None
        ]
        Review.objects.bulk_create(reviews)
        self.report.reviews += len(reviews)


# The order of _save_contributions' tuples.
CONTRIBUTION_COLUMNS = (
    "id", "library_id", "local_id", "record_id", "marc", "call_number", "copies", "opac_url",
    "deleted", "origin", "method", "score", "created_at", "updated_at",
)  # fmt: skip


def _save_contributions(
    library: Library,
    origin: str,
    decided: list[tuple[_New, int, str, int]],
    known: dict[str, Contribution],
    now: Any,
) -> list[int]:
    """The batch's contributions, their ids in ``decided``'s order: new rows inserted as
    prepared tuples (their MARC's JSON text from the preparer), known rows (a record sent
    again after its withdrawal) updated."""
    count = sum(1 for new, *_rest in decided if new.incoming.local_id not in known)
    ids = iter(allocate_ids(Contribution, count))
    stamp = connection.ops.adapt_datetimefield_value(now)
    rows, old, saved = [], [], []
    for new, record_id, method, value in decided:
        incoming, ready = new.incoming, new.ready
        contribution = known.get(incoming.local_id)
        if contribution is None:
            pk = next(ids)
            rows.append(
                (pk, library.pk, incoming.local_id[:255], record_id, ready.sent_text,
                 ready.call_number, ready.copies, incoming.opac_url[:500], False, origin,
                 method, value, stamp, stamp)
            )  # fmt: skip
            saved.append(pk)
            continue
        contribution.record_id, contribution.method, contribution.score = record_id, method, value
        contribution.marc = incoming.marc
        contribution.call_number, contribution.copies = ready.call_number, ready.copies
        contribution.opac_url, contribution.origin = incoming.opac_url[:500], origin
        contribution.deleted, contribution.updated_at = False, now
        old.append(contribution)
        saved.append(contribution.pk)
    insert_rows(Contribution._meta.db_table, CONTRIBUTION_COLUMNS, rows)
    if old:
        names = ["record", "marc", "call_number", "copies", "opac_url", "origin", "method"]
        Contribution.objects.bulk_update(old, [*names, "score", "deleted", "updated_at"])
    return saved


def _hits(new: _New, prefix: str | tuple[str, ...], found: dict[str, list[int]]) -> list[int]:
    prefixes = (prefix,) if isinstance(prefix, str) else prefix
    return [
        pk
        for start in prefixes
        for key in new.by_prefix.get(start, ())
        for pk in found.get(key, ())
    ]


def _most_shared(record_ids: list[int]) -> list[int]:
    """The candidates worth scoring: those found by both title and author-year first, at most
    MAX_CANDIDATES (a very common title alone must not make a batch score thousands)."""
    if len(record_ids) < 2:
        return record_ids
    counts: dict[int, int] = defaultdict(int)
    for pk in record_ids:
        counts[pk] += 1
    return sorted(counts, key=lambda pk: (-counts[pk], abs(pk)))[:MAX_CANDIDATES]


def _insert_records(
    library: Library, rows: list[tuple[Any, ...]], ids: list[int], now: Any
) -> None:
    """New Records from prepared rows (``prepare.record_columns``)."""
    if not rows:
        return
    stamp = connection.ops.adapt_datetimefield_value(now)
    columns, _plan = record_columns()
    insert_rows(
        Record._meta.db_table,
        columns,
        [(pk, library.pk, stamp, stamp, *row) for row, pk in zip(rows, ids, strict=True)],
    )


def delete_empty(record_ids: Iterable[int]) -> int:
    """Delete the union-made records among ``record_ids`` that no library holds any more
    (no items, no live contribution), through the catalog's own delete_record."""
    ids = set(record_ids)
    if not ids:
        return 0
    held = set(Item.objects.filter(record_id__in=ids).values_list("record_id", flat=True))
    held |= set(
        Contribution.objects.filter(record_id__in=ids, deleted=False).values_list(
            "record_id", flat=True
        )
    )
    made = set(
        Contribution.objects.filter(record_id__in=ids, method__in=CREATING).values_list(
            "record_id", flat=True
        )
    )
    gone = 0
    for record in Record.objects.filter(pk__in=(ids & made) - held):
        delete_record(record, by=None)
        gone += 1
    return gone
