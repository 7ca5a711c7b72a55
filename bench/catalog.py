"""`make bench` part two: the catalog end to end on a synthetic union catalog.

    .venv/bin/python bench/catalog.py [--records N] [--postgres] [--import-records M]

1. MARC21 import: a file of M records written by Simpul's own writer (with 852 holdings) is
   imported through the same code as `manage.py import_marc`, records and items indexed; the
   rate is compared with pymarc's bare parse of the same file.
2. N synthetic records (`simpul_synth`), then a full reindex (`manage.py reindex`).
3. OPAC keyword search with all six facet groups: in process (the view's own code path) and
   the bare engine on the same queries; then over HTTP against gunicorn with 8 concurrent
   clients, with the web workers' peak memory.
Results replace the "Catalog (issue 3)" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import (  # noqa: E402
    free_port,
    machine,
    percentile,
    rss_mb,
    scratch_environment,
    setup_demo,
    stop_postgres,
)

SCRATCH = scratch_environment("catalog")

QUERIES_ID = (
    "sejarah|pendidikan anak|cerita rakyat|buku|lampung|metro|membaca|pertanian kopi|novel|"
    'bahasa indonesia|sejarah lampung|ilmu komputer|kesehatan keluarga|"cerita rakyat"|'
    "judul:sejarah|pengarang:saputra|subjek:literasi|kamus|ekonomi daerah|puisi"
).split("|")
QUERIES_EN = (
    'history|library|children|world history|economics|computer science|"southeast asia"|'
    "author:smith|guide|research methods"
).split("|")


def queries(count: int = 200) -> list[dict[str, str]]:
    rng = random.Random(7)
    pool = QUERIES_ID * 3 + QUERIES_EN * 2
    chosen = []
    for n in range(count):
        params = {"q": rng.choice(pool)}
        if n % 5 == 1:
            params["perpustakaan"] = rng.choice(["KOTA", "SMAN1", "UMMETRO"])
        if n % 7 == 2:
            params["tersedia"] = "1"
        if n % 11 == 3:
            params["bahasa"] = "ind"
        chosen.append(params)
    return chosen


def marc_file(count: int) -> bytes:
    import pymarc

    from simpul.catalog.marc.export import to_marc21
    from simpul.catalog.marc.writer import SimpleRecord, record_from_simple
    from simpul.catalog.synth import EN_WORDS, FIRST, ID_WORDS, LAST, SUBJECTS, zipf_picker

    rng = random.Random(11)
    word = zipf_picker(ID_WORDS + EN_WORDS, rng)
    records = []
    for n in range(count):
        data = SimpleRecord(
            title=" ".join(word() for _ in range(rng.randint(2, 5))).capitalize(),
            authors=[f"{rng.choice(FIRST)} {rng.choice(LAST)}"],
            publisher="Penerbit Uji", place="Metro", year=rng.randint(1970, 2026),
            subjects=rng.sample(SUBJECTS, 2), language="ind",
        )  # fmt: skip
        record = record_from_simple(data, control_number=f"bench{n:08d}", control_source="BENCH")
        record.add_ordered_field(
            pymarc.Field(
                tag="852",
                indicators=pymarc.Indicators(" ", " "),
                subfields=[
                    pymarc.Subfield("a", "KOTA"),
                    pymarc.Subfield("h", "899.221"),
                    pymarc.Subfield("p", f"BENCH-{n:08d}"),
                ],
            )
        )
        records.append(record)
    return b"".join(to_marc21(records))


def bench_import(count: int) -> list[str]:
    import pymarc

    from simpul.catalog.importer import import_file
    from simpul.catalog.indexing import drain_outbox
    from simpul.libraries.models import Library

    path = SCRATCH / "import.mrc"
    path.write_bytes(marc_file(count))
    start = time.perf_counter()
    with path.open("rb") as stream:
        parsed = sum(1 for _ in pymarc.MARCReader(stream, to_unicode=True))
    bare = time.perf_counter() - start
    library = Library.objects.get(code="KOTA")
    start = time.perf_counter()
    with path.open("rb") as stream:  # as `manage.py import_marc` reads it
        report = import_file(stream, library)
    drain_outbox(limit=10_000_000)  # nothing left when the import indexed its own records
    ours = time.perf_counter() - start
    assert report.created == count == parsed, (report.created, count, parsed)
    size = path.stat().st_size / 1048576
    return [
        f"| MARC21 import, {count:,} records with items ({size:.0f} MB file), indexed "
        f"| {count / ours:,.0f} records/s | pymarc bare parse {count / bare:,.0f} records/s; "
        f"ratio {bare / ours:.2f} |",
    ]


def bench_build(total: int) -> list[str]:
    from simpul.catalog.indexing import reindex_all
    from simpul.catalog.synth import synth

    start = time.perf_counter()
    synth(total)
    made = time.perf_counter() - start
    start = time.perf_counter()
    indexed = reindex_all()
    reindex = time.perf_counter() - start
    return [
        f"| `simpul_synth --records {total:,}` | {made:.0f} s | {total / made:,.0f} records/s |",
        f"| full reindex, {indexed:,} records | {reindex:.0f} s ({reindex / 60:.1f} min) "
        f"| target ≤ 5 min |",
    ]


def bench_search(query_list: list[dict[str, str]]) -> list[str]:
    from django.http import QueryDict

    from simpul.catalog import opac
    from simpul.catalog.indexing import catalog_index
    from simpul.catalog.search.documents import SearchQuery

    index = catalog_index()
    ours, bare = [], []
    for params in query_list * 2:  # the first round warms the caches
        query = QueryDict(mutable=True)
        query.update(params)
        start = time.perf_counter()
        page = opac.search(query)
        ours.append((time.perf_counter() - start) * 1000)
        filters = {opac.FACET_PARAMS[k]: [v] for k, v in params.items() if k in opac.FACET_PARAMS}
        start = time.perf_counter()
        index.search(SearchQuery(text=params["q"], filters=filters))
        bare.append((time.perf_counter() - start) * 1000)
        assert page.result.total >= 0
    ours, bare = ours[len(query_list) :], bare[len(query_list) :]
    ours95, bare95 = percentile(ours, 0.95), percentile(bare, 0.95)
    return [
        f"| OPAC search + 6 facet groups, in process ({len(query_list)} queries) "
        f"| p50 {statistics.median(ours):.1f} ms, p95 {ours95:.1f} ms | target p95 ≤ 50 ms |",
        f"| the bare engine on the same queries | p50 {statistics.median(bare):.1f} ms, "
        f"p95 {bare95:.1f} ms | our overhead ×{ours95 / max(bare95, 1e-6):.1f} at p95 |",
    ]


def bench_http(query_list: list[dict[str, str]], clients: int = 8) -> list[str]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "simpul.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{port}/katalog/?"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "q=buku", timeout=5).read()
                break
            except OSError:
                time.sleep(0.3)
        for params in query_list[:40]:
            urllib.request.urlopen(base + urllib.parse.urlencode(params), timeout=30).read()
        samples: list[float] = []
        lock = threading.Lock()

        def client(offset: int) -> None:
            for params in query_list[offset::clients]:
                start = time.perf_counter()
                urllib.request.urlopen(base + urllib.parse.urlencode(params), timeout=30).read()
                with lock:
                    samples.append((time.perf_counter() - start) * 1000)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        children = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        peak = max([rss_mb(int(pid)) for pid in children] or [0.0])
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return [
        f"| OPAC search page over HTTP, {clients} concurrent clients, {len(samples)} requests "
        f"| p50 {statistics.median(samples):.0f} ms, p95 {percentile(samples, 0.95):.0f} ms "
        f"| {len(samples) / elapsed:.0f} requests/s (gunicorn: 2 workers × 4 threads) |",
        f"| web worker peak memory (VmHWM) | {peak:.0f} MB | target ≤ 400 MB |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--import-records", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    engine = setup_demo(SCRATCH, args.postgres)
    rows = bench_import(args.import_records)
    print(*rows, sep="\n", flush=True)
    rows += bench_build(args.records - args.import_records)
    print(*rows[-2:], sep="\n", flush=True)
    query_list = queries()
    rows += bench_search(query_list)
    print(*rows[-2:], sep="\n", flush=True)
    rows += bench_http(query_list)
    print(*rows[-2:], sep="\n", flush=True)
    section = "\n".join(
        [
            f"### {engine}, {args.records:,} records",
            "",
            f"Command: `.venv/bin/python bench/catalog.py --records {args.records}"
            f"{' --postgres' if args.postgres else ''}` (part of `make bench`).",
            f"Machine: {machine()}.",
            "",
            "| measure | result | note |",
            "|---|---|---|",
            *rows,
            "",
        ]
    )
    write_section(engine, section)
    if args.postgres:
        stop_postgres()
    shutil.rmtree(SCRATCH, ignore_errors=True)


def write_section(engine: str, section: str) -> None:
    """Replace this engine's subsection under "## Catalog (issue 3)", keeping everything else."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text()
    head = "## Catalog (issue 3)"
    if head not in text:
        text = text.rstrip("\n") + f"\n\n{head}\n"
    before, _, rest = text.partition(head)
    body, marker, after = rest.partition("\n## ")
    subsections = [p for p in body.split("\n### ")[1:] if not p.startswith(f"{engine},")]
    body = "\n\n" + "".join(f"### {p.strip()}\n\n" for p in subsections) + section.strip() + "\n"
    path.write_text(before + head + body + (f"\n## {after}" if marker else ""))


if __name__ == "__main__":
    main()
