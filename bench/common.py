"""What every benchmark script shares: the machine line, a scratch PostgreSQL, ports, memory."""

from __future__ import annotations

import os
import platform
import socket
import tempfile
from pathlib import Path


def scratch_environment(name: str, **extra: str) -> Path:
    """A scratch folder for one benchmark and the environment that points Simpul at it (its own
    SQLite database under var/, plain HTTP on loopback); call before Django is set up."""
    scratch = Path(tempfile.mkdtemp(prefix=f"simpul-bench-{name}-"))
    os.environ.update(
        SIMPUL_VAR_DIR=str(scratch / "var"),
        SIMPUL_HTTPS="0",
        SIMPUL_STATIC_MANIFEST="0",
        SIMPUL_ALLOWED_HOSTS="127.0.0.1,testserver",
        SIMPUL_SECRET_KEY="bench-" + "k" * 50,
        DJANGO_SETTINGS_MODULE="simpul.settings",
        **extra,
    )
    os.environ.pop("DATABASE_URL", None)
    (scratch / "var" / "static").mkdir(parents=True)  # whitenoise warns about a missing root
    return scratch


def setup_demo(scratch: Path, postgres: bool) -> str:
    """Django set up on the scratch database (or a scratch PostgreSQL), migrated, with the demo
    network; the engine's name for the results' headings."""
    if postgres:
        start_postgres(scratch)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from simpul.demo.network import load_demo

    call_command("migrate", verbosity=0)
    load_demo()
    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite (embedded)"


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
    to that URL (e.g. ``&server_side_binding=false`` to measure without prepared statements);
    BENCH_PG_SERVER to the server's options (e.g. ``-c shared_buffers=2GB``)."""
    import psycopg

    from tests.postgres_server import _start_postgres

    url = _start_postgres(scratch / "pg", os.environ.get("BENCH_PG_SERVER", ""))
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
