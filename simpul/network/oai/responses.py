"""The OAI-PMH envelope: responseDate, the request echoed back, and the verb's part or errors."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from simpul.network.oai.arguments import DAY, SECOND, VERBS
from simpul.network.oai.errors import OaiError
from simpul.network.oai.records import escape
from simpul.network.oai.sets import SET_SPEC

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<OAI-PMH xmlns="{OAI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    f'xsi:schemaLocation="{OAI_NS} {OAI_SCHEMA}">'
)
CLOSE = "</OAI-PMH>\n"
PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
URI_BREAKERS = re.compile(r"[\s\x00-\x1f\x7f]")
ECHO_ORDER = ["verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken"]


def utc_now() -> str:
    return f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}"


def document(base_url: str, parts: list[str], arguments: dict[str, str]) -> list[str]:
    """The whole response as pieces of text: the envelope around ``parts``.

    ``arguments`` are echoed in ``<request>`` (the verb among them); an argument whose value
    the schema would refuse there is left out, since the echo must stay valid.
    """
    echoed = "".join(
        f' {name}="{escape(arguments[name])}"'
        for name in ECHO_ORDER
        if name in arguments and _echoable(name, arguments[name])
    )
    head = f"{OPEN}<responseDate>{utc_now()}</responseDate>"
    return [head, f"<request{echoed}>{escape(base_url)}</request>", *parts, CLOSE]


def errors(base_url: str, error: OaiError, arguments: dict[str, str]) -> list[str]:
    """The response reporting ``error``; badVerb and badArgument echo no arguments."""
    part = f'<error code="{error.code}">{escape(error.message)}</error>'
    return document(base_url, [part], arguments if error.echo_arguments else {})


def _echoable(name: str, value: str) -> bool:
    if name == "verb":
        return value in VERBS
    if name in ("from", "until"):
        return bool(DAY.fullmatch(value) or SECOND.fullmatch(value))
    if name == "set":
        return bool(SET_SPEC.fullmatch(value))
    if name == "metadataPrefix":
        return bool(PREFIX.fullmatch(value))
    if name == "identifier":  # anyURI: no spaces or control characters
        return not URI_BREAKERS.search(value)
    return True
