from simpul.libraries.models import LIBRARY_CODE_PATTERN


class LibraryCodeConverter:
    """``<code:code>`` in URLs: only strings that can be a library code reach a view."""

    regex = LIBRARY_CODE_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
