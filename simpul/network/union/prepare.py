"""Preparing contributed records for the merge: everything that follows from one incoming
record alone — its union MARC and that MARC's JSON text, the derived values a Record stores,
the lookup keys, the matching profile and the holding — with no database.

A large merge prepares its batches in a forked process while this one matches and writes
(``prepared_elsewhere``), as the catalog import does (decisions 0009 and 0012): preparing was a
third of the merge's time, and the parent's other core sat idle.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from simpul.catalog.import_prepare import default_of
from simpul.catalog.marc.mapping import bib_fields, holdings
from simpul.catalog.records import derived_values, marc_text_and_fingerprint
from simpul.catalog.search import analyze
from simpul.network.union import keys as keymod
from simpul.network.union.matcher import Profile, profile

AHEAD = 3  # batches sent to the children and not yet merged
_json = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(slots=True)
class Prepared:
    """One incoming record, ready to match and write."""

    row: tuple[Any, ...]  # the new Record's values for RECORD_COLUMNS, ready to insert
    keys: dict[str, list[str]]  # lookup keys by kind ("i:", "n:", "t:", "y:", "a:")
    profile: Profile
    sent_text: str  # the MARC as the library sent it, as JSON text: the Contribution's "marc"
    call_number: str
    copies: int


# A new Record row is (id, library, created, updated) + Prepared.row.
FIXED_COLUMNS = ("id", "library_id", "created_at", "updated_at")
Outcome = Prepared | str | None  # a problem's translated text; None: nothing to prepare
Batches = Generator[tuple[list[Any], list[Outcome]], None, None]


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


def holding_of(
    marc: dict[str, Any] | None, call_number: str, copies: int | None
) -> tuple[str, int]:
    """The call number and number of copies: as sent, or from the record's 852/952 fields."""
    found = holdings(marc) if marc and not call_number and _has_holdings(marc) else []
    call_number = call_number or next((h.call_number for h in found if h.call_number), "")
    count = copies if copies is not None else max(1, len(found))
    return call_number[:200], max(0, count)


def _has_holdings(marc: dict[str, Any]) -> bool:
    return any("852" in entry or "952" in entry for entry in marc.get("fields", ()))


def prepare(incoming: Any) -> Outcome:
    """The ``Prepared`` of an ``Incoming``; a problem's text when its MARC cannot be read or
    has no title; None for a withdrawal or a record without MARC."""
    marc = incoming.marc
    if incoming.deleted or marc is None:
        return None
    try:
        union = union_marc(marc)
        text, print_ = marc_text_and_fingerprint(union)
        values = {"marc": text, "fingerprint": print_, **derived_values(bib_fields(union))}
        sent_text = _json(marc)
    except (AttributeError, TypeError, ValueError, KeyError, IndexError) as error:
        return _("{id}: rekaman MARC tidak terbaca ({error})").format(
            id=incoming.local_id, error=error
        )
    if not values["title"]:
        return _("{id}: tidak ada judul (245 $a)").format(id=incoming.local_id)
    call_number, copies = holding_of(marc, incoming.call_number, incoming.copies)
    by_kind: dict[str, list[str]] = {}
    for key in keymod.keys_of(values, keymod.system_numbers(marc)):
        by_kind.setdefault(key[:2], []).append(key)
    return Prepared(_record_row(values), by_kind, profile(values), sent_text, call_number, copies)


@functools.cache
def record_columns() -> tuple[list[str], list[tuple[str, bool, Any]]]:
    """The Record table's columns in insert order (FIXED_COLUMNS first), and for the others
    their attribute, whether they hold JSON, and the default of a value ``prepare`` has not."""
    from simpul.catalog.models import Record

    fields = [f for f in Record._meta.concrete_fields if f.attname not in FIXED_COLUMNS]
    by_name = {f.attname: f for f in Record._meta.concrete_fields}
    columns = [by_name[name].column for name in FIXED_COLUMNS] + [f.column for f in fields]
    plan = [(f.attname, isinstance(f, models.JSONField), default_of(f)) for f in fields]
    return columns, plan


def _record_row(values: dict[str, Any]) -> tuple[Any, ...]:
    row = []
    for name, is_json, default in record_columns()[1]:
        if name not in values:
            row.append(default)
            continue
        value = values[name]
        row.append(_json(value) if is_json and not isinstance(value, str) else value)
    return tuple(row)


def _to_wire(outcome: Outcome) -> Any:
    """An outcome as plain tuples: unpickling dataclasses cost the parent 50 µs a record,
    tuples rebuilt 9 µs (measured)."""
    if not isinstance(outcome, Prepared):
        return outcome
    p = outcome.profile
    return (
        outcome.row, outcome.keys,
        (p.title, p.full_title, tuple(p.numbers), p.authors, p.year, tuple(p.edition),
         tuple(p.isbns)),
        outcome.sent_text, outcome.call_number, outcome.copies,
    )  # fmt: skip


def _from_wire(sent: Any) -> Outcome:
    if not isinstance(sent, tuple):
        return sent
    row, keys, (title, full, numbers, authors, year, edition, isbns), *rest = sent
    found = Profile(
        title, full, frozenset(numbers), authors, year, frozenset(edition), frozenset(isbns)
    )
    return Prepared(row, keys, found, *rest)


def prepared_here(batches: Iterable[list[Any]]) -> Batches:
    for batch in batches:
        yield batch, [prepare(incoming) for incoming in batch]


def children_for_merge() -> int:
    """Forked preparers for a large merge: one per core but the one this process needs."""
    return max(1, min((os.cpu_count() or 1) - 1, 3))


def prepared_elsewhere(batches: Iterable[list[Any]], children: int = 1) -> Batches:
    """``prepare`` run in forked children, each batch answered in the order it was read.

    A thread of this process reads ``batches`` (an OAI-PMH harvest fetches its pages there)
    and sends batch k to child k mod n, at most AHEAD ahead of the merge; another reads the
    children's answers in the same turn as they come. An error while reading ``batches`` is
    raised here; a child's failure too, as RuntimeError.

    Receiving in a thread: a batch's answer (about 2 MB) goes through a socket of a few
    hundred kilobytes; read only when the merge asked for it, it took 20-60 ms of waiting
    for every batch, 4-6 s of a 100,000-record merge, as the child waited for the core it
    shares with the database to send the rest (decision 0012). The thread also rebuilds
    the outcomes while the merge waits on its database.
    """
    analyze("membaca", "ind")  # load the stemmer's dictionary once, before the children fork
    context = multiprocessing.get_context("fork")
    links, processes = [], []
    for _k in range(children):
        parent_end, child_end = context.Pipe(duplex=True)
        process = context.Process(target=_serve, args=(child_end,), daemon=True)
        process.start()
        child_end.close()
        links.append(parent_end)
        processes.append(process)
    sent: deque[list[Any]] = deque()
    room = threading.Semaphore(AHEAD)
    failure: list[BaseException] = []
    stop = threading.Event()

    def feed() -> None:  # the only writer to the children's pipes
        count = 0
        try:
            for batch in batches:
                room.acquire()
                if stop.is_set():
                    return
                sent.append(batch)
                links[count % children].send(batch)
                count += 1
        except BaseException as error:  # raised in the merging thread below
            failure.append(error)
        finally:
            for link in links:  # each child answers None and ends (a stopped one cannot)
                with contextlib.suppress(OSError, ValueError):
                    link.send(None)

    answers: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def receive() -> None:  # the only reader of the children's pipes
        turn = 0
        try:
            while (answer := links[turn % children].recv()) is not None:
                turn += 1
                if isinstance(answer, str):  # a child's failure, its last answer
                    answers.put(answer)
                    return
                answers.put([_from_wire(outcome) for outcome in answer])
            answers.put(None)
        except BaseException as error:  # a child gone (EOFError): raised below
            answers.put(error)

    feeder = threading.Thread(target=feed, name="union-prepare-feed", daemon=True)
    receiver = threading.Thread(target=receive, name="union-prepare-receive", daemon=True)
    feeder.start()
    receiver.start()
    finished = False
    try:
        while (answer := answers.get()) is not None:
            if isinstance(answer, BaseException):
                raise answer
            if isinstance(answer, str):
                raise RuntimeError(answer)
            batch = sent.popleft()
            room.release()
            yield batch, answer
        if failure:
            raise failure[0]
        finished = True
    finally:
        stop.set()
        room.release()
        for process in processes:
            if not finished:
                process.kill()  # also frees the feeder and the receiver where they wait
            process.join(timeout=5)
        feeder.join(timeout=5)
        receiver.join(timeout=5)
        for link in links:
            link.close()


def _serve(link: Any) -> None:
    """A child's loop: prepare each batch it is sent until None; a failure goes back as text."""
    gc.disable()  # acyclic values only, for as long as the merge runs
    try:
        while (batch := link.recv()) is not None:
            link.send([_to_wire(prepare(incoming)) for incoming in batch])
        link.send(None)
    except EOFError:
        return
    except Exception as error:  # the parent raises it; a child must not die silently
        link.send(f"{type(error).__name__}: {error}")
    finally:
        link.close()
