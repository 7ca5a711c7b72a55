"""SRU diagnostics (info:srw/diagnostic/1/N): what the server answers instead of failing.

Messages are the protocol's own English descriptions from the SRU diagnostics list: they are
read by partner software and its operators, like the element names around them.
"""

from __future__ import annotations

DIAGNOSTIC_PREFIX = "info:srw/diagnostic/1/"

MESSAGES: dict[int, str] = {
    1: "General system error",
    4: "Unsupported operation",
    5: "Unsupported version",
    6: "Unsupported parameter value",
    7: "Mandatory parameter not supplied",
    8: "Unsupported parameter",
    10: "Query syntax error",
    12: "Too many characters in query",
    13: "Invalid or unsupported use of parentheses",
    14: "Invalid or unsupported use of quotes",
    15: "Unsupported context set",
    16: "Unsupported index",
    19: "Unsupported relation",
    20: "Unsupported relation modifier",
    24: "Unsupported combination of relation and term",
    27: "Empty term unsupported",
    28: "Masking character not supported",
    37: "Unsupported boolean operator",
    38: "Too many boolean operators in query",
    46: "Unsupported boolean modifier",
    61: "First record position out of range",
    66: "Unknown schema for retrieval",
    71: "Unsupported record packing",
    80: "Sort not supported",
    110: "Stylesheets not supported",
}


class SruDiagnostic(Exception):
    """A fatal diagnostic: the request cannot be answered with records."""

    def __init__(self, number: int, details: str = "", message: str = "") -> None:
        super().__init__(number, details)
        self.number = number
        self.details = details
        self.message = message or MESSAGES.get(number, "")

    @property
    def uri(self) -> str:
        return f"{DIAGNOSTIC_PREFIX}{self.number}"
