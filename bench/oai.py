"""The OAI-PMH provider over a synthetic union catalog (issue 5's target: ListRecords at
3,000 records/s or more, a full harvest by sickle in under 6 minutes, constant memory).

    .venv/bin/python bench/oai.py [--records N] [--postgres] [--prefix marc21|oai_dc]
                                  [--in-process N] [--no-http]

1. N synthetic records (`simpul_synth`), spread over the demo network's libraries (synth
   leaves ``library`` empty); they share one datestamp, the worst case for keyset paging.
2. In process: the view's own code path through Django's test client, the first
   ``--in-process`` records, pages of ``OAI_PAGE_SIZE``; records/s and the peak of Python
   allocations (tracemalloc) per page.
3. Over HTTP: gunicorn on loopback (2 workers), `sickle` harvests ListRecords
   for the whole catalog following every resumption token; records/s, the harvest's time and
   the web workers' peak resident memory (VmHWM) at a quarter, half and the end of the harvest
   (flat means constant memory).
Part of `make bench` (1,000,000 records on each database); prints its table, which
docs/benchmarks.md records.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import free_port, machine, rss_mb, scratch_environment, setup_demo, stop_postgres  # noqa: E402

SCRATCH = scratch_environment("oai")


def build(total: int) -> list[str]:
    from django.db import connection, transaction

    from simpul.catalog.synth import synth
    from simpul.libraries.models import Library

    start = time.perf_counter()
    synth(total)
    libraries = list(Library.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        for n, pk in enumerate(libraries):
            cursor.execute(
                "UPDATE catalog_record SET library_id = %s WHERE id %% %s = %s",
                [pk, len(libraries), n],
            )
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE catalog_record")
        else:
            cursor.execute("ANALYZE")
    made = time.perf_counter() - start
    return [
        f"| {total:,} synthetic records, spread over {len(libraries)} libraries | {made:.0f} s | |"
    ]


def in_process(count: int, prefix: str) -> list[str]:
    from django.conf import settings
    from django.test import Client
    from lxml import etree

    ns = {"o": "http://www.openarchives.org/OAI/2.0/"}
    client = Client()
    params = {"verb": "ListRecords", "metadataPrefix": prefix}
    served = pages = 0
    start = time.perf_counter()
    while served < count:
        body = client.get("/oai", params).content
        # Counting records and finding the token is the least a harvester does with a page.
        root = etree.fromstring(body)
        served += len(root.findall(".//o:record", ns))
        pages += 1
        token = root.findtext(".//o:resumptionToken", namespaces=ns)
        if not token:
            break
        params = {"verb": "ListRecords", "resumptionToken": token}
    elapsed = time.perf_counter() - start
    # Python's allocations for one page, early and late in the list (tracemalloc slows
    # everything down, so it runs apart from the timing).
    peaks = []
    for resume in ({"metadataPrefix": prefix}, params):
        tracemalloc.start()
        client.get("/oai", {"verb": "ListRecords", **resume})
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return [
        f"| in process, ListRecords {prefix}, {served:,} records in {pages} pages of "
        f"{settings.OAI_PAGE_SIZE} | {elapsed:.1f} s | {served / elapsed:,.0f} records/s; "
        f"Python allocations for the first and the last page {peaks[0] / 1e6:.1f} MB, "
        f"{peaks[1] / 1e6:.1f} MB |"
    ]


def workers_peak(server: subprocess.Popen[bytes]) -> float:
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    return max([rss_mb(int(pid)) for pid in children] or [0.0])


def over_http(total: int, prefix: str) -> list[str]:
    from sickle import Sickle

    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"), "simpul.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--log-level", "warning", "--timeout", "120",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}/oai"
    try:
        for _ in range(100):
            try:
                Sickle(endpoint).Identify()
                break
            except OSError:
                time.sleep(0.3)
        peaks = []
        served = 0
        start = time.perf_counter()
        for _record in Sickle(endpoint, timeout=120).ListRecords(metadataPrefix=prefix):
            served += 1
            if served in (total // 4, total // 2):
                peaks.append(workers_peak(server))
        elapsed = time.perf_counter() - start
        peaks.append(workers_peak(server))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return [
        f"| sickle over HTTP, ListRecords {prefix}, {served:,} records (gunicorn, 2 workers) "
        f"| {elapsed:.0f} s ({elapsed / 60:.1f} min) | {served / elapsed:,.0f} records/s; "
        "target ≥ 3,000 and < 6 min for 1M |",
        "| web worker peak memory (VmHWM) at ¼, ½ and the end of the harvest | "
        + " / ".join(f"{peak:.0f} MB" for peak in peaks)
        + " | flat = constant memory |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--in-process", type=int, default=20_000)
    parser.add_argument("--prefix", default="marc21", choices=["marc21", "oai_dc"])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()
    engine = setup_demo(SCRATCH, args.postgres)
    from django.db import connection

    print(f"### OAI-PMH, {engine}, {args.records:,} records\n\nMachine: {machine()}.\n")
    print("| measure | time | result |\n|---|---|---|", flush=True)
    print(*build(args.records), sep="\n", flush=True)
    connection.close()  # gunicorn's workers open their own
    print(*in_process(args.in_process, args.prefix), sep="\n", flush=True)
    if not args.no_http:
        print(*over_http(args.records, args.prefix), sep="\n", flush=True)
    if args.postgres:
        stop_postgres()
    shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
