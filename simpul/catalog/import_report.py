"""What an import did: counts, and every problem with its position in the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Problem:
    position: int
    reason: str
    offset: int | None = None
    line: int | None = None
    severity: str = "error"

    def as_dict(self) -> dict[str, object]:
        return {
            "position": self.position,
            "offset": self.offset,
            "line": self.line,
            "severity": self.severity,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    items_created: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


class _Positioned(Protocol):
    position: int
    offset: int | None
    line: int | None


def problem(where: _Positioned, reason: str, severity: str = "error") -> Problem:
    return Problem(where.position, str(reason), where.offset, where.line, severity)
