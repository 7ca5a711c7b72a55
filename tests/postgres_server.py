"""pytest plugin: the test session's environment, and its own PostgreSQL server.

Loaded with ``-p tests.postgres_server`` (pyproject's addopts) so it runs before pytest-django
reads the settings. With ``--postgres`` it initialises a throw-away cluster in a temporary
folder (initdb), starts it on a unix socket only (no TCP port), points DATABASE_URL at it and
stops and deletes it when the session ends. As root, the server runs as the ``postgres`` user,
because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

_state: dict[str, Any] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres",
        action="store_true",
        help="run the database tests on a PostgreSQL server started for this session",
    )


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> Generator[None, None, None]:
    scratch = Path(tempfile.mkdtemp(prefix="simpul-test-"))
    _state["scratch"] = scratch
    os.environ["SIMPUL_VAR_DIR"] = str(scratch / "var")
    (scratch / "var" / "static").mkdir(parents=True)
    os.environ.setdefault("SIMPUL_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
    os.environ["SIMPUL_STATIC_MANIFEST"] = "0"
    os.environ["SIMPUL_HTTPS"] = "0"
    os.environ.pop("DATABASE_URL", None)
    if early_config.known_args_namespace.postgres:
        os.environ["DATABASE_URL"] = _start_postgres(scratch / "pg")
    return (yield)


def pytest_report_header(config: pytest.Config) -> str:
    url = os.environ.get("DATABASE_URL")
    return f"simpul database: {'PostgreSQL ' + _state.get('pg_version', '') if url else 'SQLite'}"


def pytest_unconfigure(config: pytest.Config) -> None:
    if "pg_data" in _state:
        _run([_state["pg_bin"] / "pg_ctl", "-D", _state["pg_data"], "-m", "immediate", "stop"])
    if "scratch" in _state:
        shutil.rmtree(_state["scratch"], ignore_errors=True)


def _pg_bin() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if not candidates:
        raise pytest.UsageError(
            "--postgres needs PostgreSQL's server programs (initdb, pg_ctl) under "
            "/usr/lib/postgresql/*/bin: `make test` installs them as root "
            "(apt-get install postgresql), or install the postgresql package yourself."
        )
    return Path(candidates[-1]).parent


def _run(command: list[Any]) -> subprocess.CompletedProcess[str]:
    user = "postgres" if os.geteuid() == 0 else None
    return subprocess.run(
        [str(part) for part in command],
        user=user,
        check=False,
        capture_output=True,
        text=True,
        cwd="/",
    )


def _start_postgres(root: Path, settings: str = "") -> str:
    """initdb and pg_ctl start under ``root``; ``settings``: more ``-c name=value`` options."""
    bin_dir = _pg_bin()
    root.mkdir(parents=True)
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (root.parent, root, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    init = _run(
        [
            bin_dir / "initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]
    )
    if init.returncode != 0:
        raise pytest.UsageError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
    port = "5499"
    options = (
        f"-c listen_addresses='' -k {sockets} -p {port} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        + (f" {settings}" if settings else "")
    )
    start = _run([bin_dir / "pg_ctl", "-D", data, "-o", options, "-l", root / "log", "-w", "start"])
    if start.returncode != 0:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        raise pytest.UsageError(f"pg_ctl start failed:\n{start.stdout}\n{start.stderr}\n{log}")
    _state.update(pg_bin=bin_dir, pg_data=data, pg_version=bin_dir.parent.name)
    return f"postgres://postgres@localhost:{port}/simpul?host={sockets}"
