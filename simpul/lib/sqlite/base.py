"""Django's SQLite backend, with writers queueing on a lock file instead of in SQLite's busy
handler (decision 0011).

SQLite lets one writer at a time; the others wait in its busy handler, which sleeps 1, 2, 5,
10, ... up to 100 ms between tries. Under eight desks that sleeping, not work, set the pace:
the desk benchmark kept one of two cores idle. Here a write transaction (BEGIN IMMEDIATE,
which Simpul's settings use) and a write statement outside a transaction first take an
exclusive ``flock`` on ``<database>.writers``, trying again every fraction of a millisecond,
and release it at COMMIT or ROLLBACK. SQLite's own locking still guards the data; the lock
file only orders the writers of every process that uses this backend. A writer that cannot
get the lock within the connection's ``timeout`` gets "database is locked", as before.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from typing import Any

from django.db import OperationalError
from django.db.backends.sqlite3 import base

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
FIRST_WAIT, LONGEST_WAIT = 0.0002, 0.002  # seconds between tries


class DatabaseWrapper(base.DatabaseWrapper):
    _lock_fd: int | None = None
    _locked = False

    def _take_writer_lock(self) -> None:
        if self._locked or self.is_in_memory_db():
            return
        if self._lock_fd is None:
            path = f"{self.settings_dict['NAME']}.writers"
            self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        timeout = float(self.settings_dict["OPTIONS"].get("timeout", 5))
        deadline, wait = time.monotonic() + timeout, FIRST_WAIT
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OperationalError("database is locked") from None
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
        self._locked = True

    def _release_writer_lock(self) -> None:
        if self._locked and self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
        self._locked = False

    def _start_transaction_under_autocommit(self) -> None:
        self._take_writer_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer_lock()
            raise

    def _commit(self) -> Any:
        try:
            return super()._commit()  # type: ignore[misc]
        finally:
            self._release_writer_lock()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._release_writer_lock()

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._release_writer_lock()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

    def create_cursor(self, name: str | None = None) -> Any:
        cursor = self.connection.cursor(factory=Cursor)
        cursor.wrapper = self
        return cursor


class Cursor(base.SQLiteCursorWrapper):
    """Takes the writer lock around a write statement made outside a transaction."""

    wrapper: DatabaseWrapper

    def _alone(self, query: str) -> bool:
        owner = self.wrapper
        return not (owner._locked or owner.in_atomic_block) and bool(WRITE.match(query))

    def execute(self, query: str, params: Any = None) -> Any:
        if not self._alone(query):
            return super().execute(query, params)
        self.wrapper._take_writer_lock()
        try:
            return super().execute(query, params)
        finally:
            self.wrapper._release_writer_lock()

    def executemany(self, query: str, param_list: Any) -> Any:
        if not self._alone(query):
            return super().executemany(query, param_list)
        self.wrapper._take_writer_lock()
        try:
            return super().executemany(query, param_list)
        finally:
            self.wrapper._release_writer_lock()
