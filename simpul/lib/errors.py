"""The base of Simpul's domain errors: a stable code, a translated message and the values."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.utils.formats import date_format
from django.utils.functional import Promise


class SimpulError(Exception):
    """An expected refusal of a use case, shown to people and returned by the API.

    Subclasses set ``code`` (stable, upper-case, for programs) and ``template`` (a lazily
    translated message with ``{name}`` placeholders filled from the keyword arguments).
    """

    code: ClassVar[str] = "SIMPUL_ERROR"
    template: ClassVar[str | Promise] = ""
    status: ClassVar[int] = 400

    def __init__(self, **data: Any) -> None:
        self.data = data
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The message in the active language; dates are written the way its readers write them."""
        values = {
            key: date_format(value, "j F Y") if isinstance(value, date) else value
            for key, value in self.data.items()
        }
        return str(self.template).format(**values)

    def as_dict(self) -> dict[str, Any]:
        values = {k: v.isoformat() if isinstance(v, date) else str(v) for k, v in self.data.items()}
        return {"code": self.code, "message": self.message, **values}
