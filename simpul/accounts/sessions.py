"""Django's database sessions, with the two statements every signed-in request makes written
as plain SQL.

The ORM spends longer building ``SELECT ... FROM django_session`` than the database spends
answering it (docs/benchmarks.md, circulation); staff pages load the session on every request
and the desk saves it on every scan. Same table, same encoding, same errors as
``django.contrib.sessions.backends.db``; creating a session still goes through the ORM.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _using(self) -> str:
        return router.db_for_write(Session)

    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        if key is None:
            return None
        connection = connections[self._using()]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT session_data FROM django_session WHERE session_key = %s "
                "AND expire_date > %s",
                [key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return Session(session_key=key, session_data=row[0])

    def save(self, must_create: bool = False) -> Any:
        if self.session_key is None or must_create:
            return super().save(must_create=must_create)
        data = self.encode(self._get_session(no_load=False))  # type: ignore[attr-defined]
        connection = connections[self._using()]
        expires = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE django_session SET session_data = %s, expire_date = %s "
                "WHERE session_key = %s",
                [data, expires, self.session_key],
            )
            if cursor.rowcount == 0:
                raise UpdateError
        return None
