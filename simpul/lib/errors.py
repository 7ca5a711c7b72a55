"""The base of Simpul's domain errors: a stable code, a translated message and the values."""

from __future__ import annotations

from typing import Any, ClassVar

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
        return str(self.template).format(**self.data)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **{k: str(v) for k, v in self.data.items()}}
