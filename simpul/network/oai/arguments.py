"""Checking a request's arguments against the protocol's rules for each verb (section 4).

``parse`` turns the query (GET) or form (POST) arguments into an ``OaiRequest`` or raises the
error the protocol names: badVerb for a missing, repeated or unknown verb; badArgument for an
illegal, missing, repeated or empty argument, a resumptionToken beside other arguments, a date
that is not one, dates of mixed granularity or ``from`` after ``until``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.http import QueryDict
from django.utils.translation import gettext as _

from simpul.network.oai.errors import BadArgument, BadResumptionToken, BadVerb


@dataclass(frozen=True)
class VerbArguments:
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    exclusive: str = ""  # an argument that must come alone (the resumptionToken)


LIST_ARGUMENTS = VerbArguments(("metadataPrefix",), ("from", "until", "set"), "resumptionToken")
VERBS = {
    "Identify": VerbArguments(),
    "ListMetadataFormats": VerbArguments(optional=("identifier",)),
    "ListSets": VerbArguments(exclusive="resumptionToken"),
    "GetRecord": VerbArguments(required=("identifier", "metadataPrefix")),
    "ListIdentifiers": LIST_ARGUMENTS,
    "ListRecords": LIST_ARGUMENTS,
}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
MAX_VALUE = 2_000  # no argument of ours is longer; a longer one is not ours


@dataclass(frozen=True)
class OaiRequest:
    """A request whose arguments passed the protocol's checks."""

    verb: str
    arguments: dict[str, str]

    def get(self, name: str) -> str:
        return self.arguments.get(name, "")


@dataclass(frozen=True)
class Window:
    """The datestamps a list request asks for: ``start <= datestamp < end``, UTC."""

    start: datetime | None = None
    end: datetime | None = None


def parse(params: QueryDict) -> OaiRequest:
    """The request in ``params``, or BadVerb / BadArgument."""
    verbs = params.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise BadVerb(verb=", ".join(verbs)[:100] or "-")
    verb = verbs[0]
    rules = VERBS[verb]
    allowed = {"verb", *rules.required, *rules.optional} | ({rules.exclusive} - {""})
    arguments: dict[str, str] = {}
    for name in params:
        values = params.getlist(name)
        if name not in allowed:
            reason = _("{name} tidak dikenal untuk {verb}").format(name=name[:50], verb=verb)
            raise BadArgument(reason=reason)
        if len(values) > 1:
            raise BadArgument(reason=_("{name} diberikan lebih dari sekali").format(name=name))
        if len(values[0]) > MAX_VALUE and name == "resumptionToken":
            raise BadResumptionToken()  # none of ours is that long
        if not values[0] or len(values[0]) > MAX_VALUE:
            raise BadArgument(reason=_("{name} kosong atau terlalu panjang").format(name=name))
        if name != "verb":
            arguments[name] = values[0]
    if rules.exclusive and rules.exclusive in arguments:
        if len(arguments) > 1:
            raise BadArgument(
                reason=_("{name} harus diberikan tanpa argumen lain").format(name=rules.exclusive)
            )
        return OaiRequest(verb, arguments)
    missing = [name for name in rules.required if name not in arguments]
    if missing:
        raise BadArgument(reason=_("{name} wajib diberikan").format(name=", ".join(missing)))
    return OaiRequest(verb, arguments)


def window(from_: str, until: str) -> Window:
    """The datestamp window of ``from`` and ``until`` (either may be empty), both inclusive
    at their granularity: ``until=2026-05-01`` includes that whole day."""
    start, start_day = _moment(from_, "from") if from_ else (None, False)
    until_at, until_day = _moment(until, "until") if until else (None, False)
    if start and until_at:
        if start_day != until_day:
            raise BadArgument(reason=_("from dan until harus memakai granularitas yang sama"))
        if start > until_at:
            raise BadArgument(reason=_("from jatuh sesudah until"))
    end = None
    if until_at is not None:
        try:
            end = until_at + (timedelta(days=1) if until_day else timedelta(seconds=1))
        except OverflowError:  # until=9999-12-31: no end at all
            end = None
    return Window(start, end)


def _moment(text: str, name: str) -> tuple[datetime, bool]:
    """``text`` as a UTC moment and whether it was a day (not a second)."""
    try:
        if DAY.fullmatch(text):
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC), True
        if SECOND.fullmatch(text):
            return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), False
    except ValueError:
        pass
    raise BadArgument(
        reason=_("{name}={value} bukan tanggal YYYY-MM-DD atau YYYY-MM-DDThh:mm:ssZ").format(
            name=name, value=text[:40]
        )
    )
