"""The union catalog's merge engine over a synthetic catalog (issue 5's target: a 100,000-record
harvest merged into a 1,000,000-record catalog at 2,000 records/s or more).

    .venv/bin/python bench/union.py [--records N] [--harvest M] [--postgres] [--profile FILE]

1. N synthetic records (`simpul_synth`), then their match keys (a one-time sweep,
   `keys.refresh_keys`, timed apart: later merges only key what is new).
2. A harvest of M records from a contributing library: half are catalog records as another
   library would describe them (001/003 dropped, title upper-cased and punctuated, author
   inverted: matched by title and author-year keys and the fuzzy score, the slow path), half
   are new works.
3. ``merge_all`` in batches of 1,000, as the harvester calls it (a forked process prepares
   the records while this one matches and writes; ``--serial``: all here); records/s, the
   outcome, and the load average while it ran.
Part of `make bench` (1,000,000 and 100,000, both engines); prints its table.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import machine, scratch_environment, setup_demo, stop_postgres  # noqa: E402

SCRATCH = scratch_environment("union")


def variant(marc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The same book as another library catalogues it."""
    fields = []
    for entry in marc["fields"]:
        tag = next(iter(entry))
        if tag in ("001", "003", "005"):
            continue
        if tag == "245":
            subs = [{k: v.upper() + "." for k, v in s.items()} for s in entry[tag]["subfields"]]
            entry = {tag: {**entry[tag], "subfields": subs}}
        if tag == "100" and rng.random() < 0.5:
            name = entry[tag]["subfields"][0].get("a", "")
            first, _sep, last = name.rpartition(" ")
            entry = {tag: {**entry[tag], "subfields": [{"a": f"{last}, {first}"}]}}
        fields.append(entry)
    return {"leader": marc["leader"], "fields": fields}


def harvest(count: int) -> list[Any]:
    from simpul.catalog.models import Record
    from simpul.catalog.synth import ID_WORDS, _record, zipf_picker
    from simpul.network.union.merge import Incoming

    rng = random.Random(5)
    ids = list(Record.objects.values_list("pk", flat=True))
    chosen = rng.sample(ids, count // 2)
    incoming = []
    for start in range(0, len(chosen), 5000):
        for n, marc in enumerate(
            Record.objects.filter(pk__in=chosen[start : start + 5000]).values_list(
                "marc", flat=True
            )
        ):
            incoming.append(Incoming(f"same-{start + n}", variant(marc, rng), call_number="000 X"))
    word = zipf_picker(ID_WORDS, rng)
    for n in range(count - len(incoming)):
        title = " ".join(word() for _ in range(rng.randint(3, 7))).capitalize() + f" {n}"
        marc = _record(10_000_000 + n, title, "ind", rng).marc
        incoming.append(Incoming(f"new-{n}", variant(marc, rng)))
    rng.shuffle(incoming)
    return incoming


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--harvest", type=int, default=20_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--profile", metavar="FILE", help="write cProfile stats of the merge")
    parser.add_argument(
        "--serial", action="store_true", help="prepare records in this process (no fork)"
    )
    args = parser.parse_args()
    engine = setup_demo(SCRATCH, args.postgres)
    from django.db import connection

    from simpul.catalog.synth import synth
    from simpul.libraries.models import Library
    from simpul.network.union.choices import Origin
    from simpul.network.union.keys import refresh_keys
    from simpul.network.union.merge import merge_all

    print(f"### Union catalog merge, {engine}\n\nMachine: {machine()}.\n")
    print("| measure | time | result |\n|---|---|---|", flush=True)
    start = time.perf_counter()
    synth(args.records)
    print(
        f"| {args.records:,} synthetic records | {time.perf_counter() - start:.0f} s | |",
        flush=True,
    )
    start = time.perf_counter()
    keyed = refresh_keys()
    took = time.perf_counter() - start
    print(
        f"| match keys for the existing catalog (once) | {took:.1f} s | "
        f"{keyed / took:,.0f} records/s |"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    incoming = harvest(args.harvest)
    library = Library.objects.get(code="SMPN3")
    profiler = cProfile.Profile() if args.profile else None
    start, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    report = merge_all(library, incoming, origin=Origin.HARVEST, parallel=not args.serial)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    print(
        f"| merge {len(incoming):,} harvested records (half known works) | {took:.1f} s | "
        f"**{len(incoming) / took:,.0f} records/s**; {report.merged:,} merged, "
        f"{report.created:,} new, {report.reviews:,} to review |",
        flush=True,
    )
    # On a shared machine the wall clock depends on the neighbours; this process's CPU time
    # (all of the work on SQLite, the client's part on PostgreSQL) much less.
    print(
        f"| the merge's CPU time in this process | {cpu:.1f} s | "
        f"{len(incoming) / cpu:,.0f} records per CPU second; load average "
        f"{os.getloadavg()[0]:.2f} |"
    )
    if args.postgres:
        stop_postgres()
    shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
