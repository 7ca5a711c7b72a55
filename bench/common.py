"""What every benchmark script shares: the machine line, a scratch PostgreSQL, ports, memory."""

from __future__ import annotations

import os
import platform
import socket
from pathlib import Path


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(p * len(ordered)) - 1)] if ordered else 0.0


def machine() -> str:
    kb = int(Path("/proc/meminfo").read_text().split()[1])
    cores = os.cpu_count()
    python = platform.python_version()
    return f"{platform.machine()}, {cores} cores, {kb / 1048576:.0f} GiB RAM, Python {python}"


def start_postgres(scratch: Path) -> None:
    """A PostgreSQL server of the benchmark's own under ``scratch`` (as the tests start one),
    with an empty database ``simpul`` that DATABASE_URL now names. BENCH_PG_OPTIONS is added
    to that URL (e.g. ``&server_side_binding=false`` to measure without prepared statements)."""
    import psycopg

    from tests.postgres_server import _start_postgres

    url = _start_postgres(scratch / "pg")
    socket_dir = url.split("host=")[1]
    with psycopg.connect(host=socket_dir, port=5499, user="postgres", dbname="postgres") as pg:
        pg.autocommit = True
        pg.execute("CREATE DATABASE simpul")
    os.environ["DATABASE_URL"] = url + os.environ.get("BENCH_PG_OPTIONS", "")


def stop_postgres() -> None:
    from tests.postgres_server import pytest_unconfigure

    pytest_unconfigure(None)  # type: ignore[arg-type]  # stops the server it started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of ``pid`` in MB; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return 0.0
    return 0.0
