"""The merge engine: contributed records become holdings on the union catalog's records.

A batch is one transaction and costs a fixed number of queries: its contributions known
before, the candidates of all its keys, the candidates' fields, then set-based inserts.
Matching, in order: a shared ISBN, a shared system number, then the matcher's score, with
the thresholds ``UNION_MATCH_ACCEPT`` and ``UNION_MATCH_REVIEW``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.catalog.bulk import allocate_ids, insert_rows
from simpul.catalog.import_prepare import default_of
from simpul.catalog.marc.mapping import bib_fields, holdings
from simpul.catalog.models import Item, Record
from simpul.catalog.records import (
    derived_values,
    fingerprint,
    marc_text_and_fingerprint,
    queue_for_index,
)
from simpul.catalog.services import delete_record
from simpul.libraries.models import Library
from simpul.network.union import keys as keymod
from simpul.network.union.choices import MatchMethod, ReviewStatus
from simpul.network.union.matcher import Profile, profile, score
from simpul.network.union.models import Contribution, Review

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
    values: dict[str, Any]
    keys: list[str]
    profile: Profile
    text: str = ""
    match: _Match | None = None
    review: _Match | None = None
    temp_id: int = 0
    by_prefix: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key in self.keys:  # "i:", "t:" ...: each stage looks at its own keys only
            self.by_prefix.setdefault(key[:2], []).append(key)


def union_marc(marc: dict[str, Any]) -> dict[str, Any]:
    """The contributed record as the union keeps it: its 001+003 moved to a 035 "(003)001"
    (two libraries' numbers never collide on the catalog's unique 001+003, and an unmerged
    copy never collides with the record it left), its holdings fields left out."""
    control = {"001": "", "003": ""}
    fields = []
    for entry in marc.get("fields", []):
        tag = next(iter(entry), "")
        if tag in control:
            control[tag] = str(entry[tag])
        elif tag not in ("005", "852", "952"):
            fields.append(entry)
    if control["001"].strip():
        number = f"({control['003'].strip()}){control['001'].strip()}"
        if control["003"].strip() == "":
            number = control["001"].strip()
        entry = {"035": {"ind1": " ", "ind2": " ", "subfields": [{"a": number}]}}
        at = next((i for i, f in enumerate(fields) if next(iter(f), "") > "035"), len(fields))
        fields.insert(at, entry)
    return {"leader": marc.get("leader", ""), "fields": fields}


def record_values(marc: dict[str, Any]) -> dict[str, Any]:
    """Everything a Record row stores about ``marc`` (MARC-in-JSON)."""
    return {"marc": marc, "fingerprint": fingerprint(marc), **derived_values(bib_fields(marc))}


def _fast_record_values(marc: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """``record_values`` and the MARC's JSON text from one encoding (union_marc builds its
    dictionaries with sorted keys, which marc_text_and_fingerprint needs)."""
    text, print_ = marc_text_and_fingerprint(marc)
    return {"marc": marc, "fingerprint": print_, **derived_values(bib_fields(marc))}, text


def merge_batch(
    library: Library,
    batch: list[Incoming],
    *,
    origin: str,
    profiles: dict[int, Profile] | None = None,
) -> MergeReport:
    """Merge ``batch`` (at most a few thousand) from ``library``; all of it or nothing.
    ``profiles`` keeps candidates' matching profiles from one batch to the next of one run
    (catalog records do not change under a merge; a popular work is a candidate often)."""
    report = MergeReport(received=len(batch))
    with transaction.atomic():
        keymod.refresh_keys()
        _Batch(library, origin, report, {} if profiles is None else profiles).run(batch)
    return report


def merge_all(
    library: Library, records: Iterable[Incoming], *, origin: str, size: int = 1000
) -> MergeReport:
    """Merge a stream of records batch by batch."""
    total = MergeReport()
    batch: list[Incoming] = []
    profiles: dict[int, Profile] = {}
    for incoming in records:
        batch.append(incoming)
        if len(batch) >= size:
            total.add(merge_batch(library, batch, origin=origin, profiles=profiles))
            batch = []
            if len(profiles) > PROFILE_CACHE:
                profiles.clear()
    if batch:
        total.add(merge_batch(library, batch, origin=origin, profiles=profiles))
    return total


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

    def run(self, batch: list[Incoming]) -> None:
        latest = {incoming.local_id: incoming for incoming in batch}  # the last one wins
        known = {
            c.local_id: c
            for c in Contribution.objects.filter(library=self.library, local_id__in=list(latest))
        }
        fresh: list[_New] = []
        changed: list[Contribution] = []
        for local_id, incoming in latest.items():
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
            new = self._prepare(incoming)
            if new is not None:
                fresh.append(new)
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
        call_number, copies = _holding_of(incoming)
        old.marc, old.call_number, old.copies = incoming.marc, call_number, copies
        old.opac_url = incoming.opac_url[:500]
        old.updated_at = self.now
        self.report.updated += 1
        self.touched.add(old.record_id)  # type: ignore[arg-type]

    def _prepare(self, incoming: Incoming) -> _New | None:
        assert incoming.marc is not None
        try:
            values, text = _fast_record_values(union_marc(incoming.marc))
        except (AttributeError, TypeError, ValueError) as error:
            self.report.problems.append(
                _("{id}: rekaman MARC tidak terbaca ({error})").format(
                    id=incoming.local_id, error=error
                )
            )
            return None
        if not values["title"]:
            self.report.problems.append(
                _("{id}: tidak ada judul (245 $a)").format(id=incoming.local_id)
            )
            return None
        numbers = keymod.system_numbers(incoming.marc)
        return _New(incoming, values, keymod.keys_of(values, numbers), profile(values), text)

    def _match(self, fresh: list[_New]) -> None:
        """Exact keys and the same title first, against the catalog; the author-year
        candidates are loaded only for what that left open, then everything still open is
        decided in order, also against the records this batch makes."""
        found = keymod.records_by_key({key for new in fresh for key in new.keys})
        title_keys, author_keys = SIMILAR_KEYS
        profiles = self._profiles(
            {pk for new in fresh for pk in _most_shared(_hits(new, title_keys, found))}
        )
        none: dict[str, list[int]] = {}
        open_ = []
        for new in fresh:
            new.match, _review = self._best(new, found, none, profiles)
            if new.match is None:
                open_.append(new)
        wanted = {pk for new in open_ for pk in _most_shared(_hits(new, author_keys, found))}
        profiles.update(self._profiles(wanted - profiles.keys()))
        pending: dict[str, list[int]] = defaultdict(list)  # keys of records this batch makes
        for number, new in enumerate(open_, start=1):
            new.temp_id = -number
            new.match, new.review = self._best(new, found, pending, profiles)
            if new.match is None:
                profiles[new.temp_id] = new.profile
                for key in new.keys:
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
        scored: set[int] = set()
        # The same title first; the author-year key only when it found nothing certain.
        for prefixes in SIMILAR_KEYS:
            for pk in _most_shared(_hits(new, prefixes, found) + _hits(new, prefixes, pending)):
                other = profiles.get(pk)
                if other is None or pk in scored:
                    continue
                scored.add(pk)
                value = score(new.profile, other)
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
        _insert_records(
            self.library, [{**new.values, "marc": new.text} for new in creating], ids, self.now
        )
        keymod.add_keys(
            {real[new.temp_id]: new.keys for new in creating},
            {real[new.temp_id]: new.profile for new in creating},
        )
        contributions = []
        reviews = []
        for new in fresh:
            match = new.match
            record_id = (
                real[new.temp_id] if match is None else real.get(match.record_id, match.record_id)
            )
            method = MatchMethod.NEW if match is None else match.method
            if match is None:
                self.report.created += 1
            else:
                self.report.merged += 1
            self.touched.add(record_id)
            contribution = _contribution(self.library, new.incoming, self.origin, known)
            contribution.record_id = record_id
            contribution.method = method
            contribution.score = match.score if match else (new.review.score if new.review else 0)
            contribution.deleted = False
            contributions.append(contribution)
            if new.review is not None:
                candidate = real.get(new.review.record_id, new.review.record_id)
                reviews.append((contribution, candidate, new.review.score))
        _save_contributions(contributions, self.now)
        Review.objects.bulk_create(
            [Review(contribution=c, candidate_id=pk, score=value) for c, pk, value in reviews]
        )
        self.report.reviews += len(reviews)


def _contribution(
    library: Library, incoming: Incoming, origin: str, known: dict[str, Contribution]
) -> Contribution:
    assert incoming.marc is not None
    contribution = known.get(incoming.local_id) or Contribution(
        library=library, local_id=incoming.local_id[:255]
    )
    contribution.marc = incoming.marc
    contribution.call_number, contribution.copies = _holding_of(incoming)
    contribution.opac_url = incoming.opac_url[:500]
    contribution.origin = origin
    return contribution


def _save_contributions(contributions: list[Contribution], now: Any) -> None:
    """New rows set-based with ids up front (Reviews point at them), known rows updated."""
    old = [c for c in contributions if c.pk is not None]
    new = [c for c in contributions if c.pk is None]
    for contribution, pk in zip(new, allocate_ids(Contribution, len(new)), strict=True):
        contribution.pk = pk
    stamp = connection.ops.adapt_datetimefield_value(now)
    fields = Contribution._meta.concrete_fields
    rows = []
    for contribution in new:
        contribution.created_at = contribution.updated_at = now
        values = [getattr(contribution, f.attname) for f in fields]
        rows.append(
            [
                stamp
                if f.attname in ("created_at", "updated_at")
                else _json(value)
                if f.attname == "marc"
                else value
                for f, value in zip(fields, values, strict=True)
            ]
        )
    insert_rows(Contribution._meta.db_table, [f.column for f in fields], rows)
    if old:
        for contribution in old:
            contribution.updated_at = now
        names = ["record", "marc", "call_number", "copies", "opac_url", "origin", "method"]
        Contribution.objects.bulk_update(old, [*names, "score", "deleted", "updated_at"])


def _holding_of(incoming: Incoming) -> tuple[str, int]:
    """The call number and number of copies: as sent, or from the record's 852/952 fields."""
    found = (
        holdings(incoming.marc)
        if incoming.marc and not incoming.call_number and _has_holdings(incoming.marc)
        else []
    )
    call_number = incoming.call_number or next((h.call_number for h in found if h.call_number), "")
    copies = incoming.copies if incoming.copies is not None else max(1, len(found))
    return call_number[:200], max(0, copies)


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


def _has_holdings(marc: dict[str, Any]) -> bool:
    return any("852" in entry or "952" in entry for entry in marc.get("fields", ()))


def _insert_records(library: Library, rows: list[dict[str, Any]], ids: list[int], now: Any) -> None:
    if not rows:
        return
    stamp = connection.ops.adapt_datetimefield_value(now)
    fields = Record._meta.concrete_fields
    fixed: dict[str, Any] = {"library_id": library.pk, "created_at": stamp, "updated_at": stamp}
    tuples = []
    for values, pk in zip(rows, ids, strict=True):
        line: list[Any] = []
        for f in fields:
            if f.attname == "id":
                line.append(pk)
            elif f.attname in fixed:
                line.append(fixed[f.attname])
            elif f.attname in values:
                value = values[f.attname]
                is_json = f.get_internal_type() == "JSONField" and not isinstance(value, str)
                line.append(_json(value) if is_json else value)
            else:
                line.append(default_of(f))
        tuples.append(line)
    insert_rows(Record._meta.db_table, [f.column for f in fields], tuples)


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
