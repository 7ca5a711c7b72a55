"""Resumption tokens that carry the whole state of a list: nothing is kept on the server.

A token is the list request's arguments plus a keyset position, signed with the secret key
(``django.core.signing``, which also stamps the time): where the list stopped in the records
and in the deletions, each as (datestamp as the database keeps it, id); how many entries came
before; and the complete list size counted on the first page. The next page is one indexed
range query after that position, however deep the harvest is, and a server restart or a
second server behind the same key resumes it. A token that is altered, was issued for another
verb, or is older than ``OAI_TOKEN_MINUTES`` is refused as badResumptionToken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing

from simpul.network.oai.errors import BadResumptionToken

SALT = "simpul.network.oai.token"
VERSION = 1

After = tuple[str, int] | None  # (datestamp text, id) of the last entry given, or None


@dataclass(frozen=True)
class ListState:
    """A list request and how far its harvest has come."""

    verb: str
    prefix: str
    set_spec: str = ""
    from_: str = ""
    until: str = ""
    records_after: After = None
    deleted_after: After = None
    cursor: int = 0  # entries given before the page this state asks for
    total: int = 0  # completeListSize, counted once when the list began


def lifetime() -> timedelta:
    return timedelta(minutes=settings.OAI_TOKEN_MINUTES)


def issue(state: ListState) -> tuple[str, datetime]:
    """A token for ``state`` and the moment it expires."""
    payload = [
        VERSION, state.verb, state.prefix, state.set_spec, state.from_, state.until,
        _pair(state.records_after), _pair(state.deleted_after), state.cursor, state.total,
    ]  # fmt: skip
    token = signing.dumps(payload, salt=SALT, compress=True)
    expires = datetime.now(UTC).replace(microsecond=0) + lifetime()
    return token, expires


def read(token: str, verb: str) -> ListState:
    """The state ``token`` carries for a request of ``verb``, or BadResumptionToken."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=lifetime())
        return _state(payload, verb)
    except (signing.BadSignature, ValueError, TypeError, IndexError):
        raise BadResumptionToken() from None


def _state(payload: Any, verb: str) -> ListState:
    version, given_verb, prefix, set_spec, from_, until, records, deleted, cursor, total = payload
    if version != VERSION or given_verb != verb:
        raise ValueError("token of another version or verb")
    texts = (prefix, set_spec, from_, until)
    if not all(isinstance(text, str) for text in texts) or not (
        isinstance(cursor, int) and isinstance(total, int)
    ):
        raise TypeError("token fields of the wrong type")
    return ListState(
        verb, prefix, set_spec, from_, until, _after(records), _after(deleted), cursor, total
    )


def _pair(after: After) -> list[Any] | None:
    return None if after is None else [after[0], after[1]]


def _after(value: Any) -> After:
    if value is None:
        return None
    stamp, pk = value
    if not isinstance(stamp, str) or not isinstance(pk, int):
        raise TypeError("position of the wrong type")
    return stamp, pk
