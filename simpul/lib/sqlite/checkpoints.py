"""WAL checkpoints off a long writer's path (decision 0012).

In WAL mode the connection whose commit takes the log past ``wal_autocheckpoint`` pages
copies the log into the database file and waits for its fsync, inside that commit. A long
merge of batches of 1,000 records crossed that mark at every commit: at 100,000 records
into 1,000,000 the commits took 12 of 49 seconds. While ``checkpoints_elsewhere`` is
active the writing connection does not checkpoint; a thread with a connection of its own
runs PASSIVE checkpoints every ``interval`` seconds (they never block the writer or readers),
and a last one when the block ends.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper


@contextmanager
def checkpoints_elsewhere(
    connection: BaseDatabaseWrapper = default_connection, interval: float = 0.5
) -> Iterator[None]:
    """Move WAL checkpoints of ``connection`` to a background thread; nothing on other
    databases or an in-memory SQLite."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():  # type: ignore[attr-defined]
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA wal_autocheckpoint=0")
    stop = threading.Event()
    path = str(connection.settings_dict["NAME"])

    def checkpoint() -> None:
        own = sqlite3.connect(path, timeout=30, check_same_thread=False)
        try:
            while not stop.wait(interval):
                _passive(own)
            _passive(own)
        finally:
            own.close()

    thread = threading.Thread(target=checkpoint, name="sqlite-checkpoints", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint={int(before)}")


def _passive(own: sqlite3.Connection) -> None:
    # Busy or closing: the next round (or the writer's own checkpoints later) catches up.
    with contextlib.suppress(sqlite3.Error):
        own.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
