"""Django's ModelBackend, loading the signed-in user of each request with plain SQL.

Every request of a signed-in person fetches their User by primary key; the ORM's query
building costs more than the query (docs/benchmarks.md, circulation). Authentication itself
(passwords, permissions) is ModelBackend's, unchanged.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from simpul.accounts.models import User
from simpul.lib.rawsql import one, table


class UserBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user = one(User, f"SELECT * FROM {table(User)} WHERE id = %s", [pk])
        return user if user is not None and self.user_can_authenticate(user) else None
