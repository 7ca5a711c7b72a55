"""CQL (the Contextual Query Language of SRU 1.2 and 2.0) read into a small tree.

A recursive-descent parser for the grammar of the CQL specification:

    cqlQuery     ::= prefixAssignment cqlQuery | scopedClause ['sortby' ...]
    scopedClause ::= scopedClause booleanGroup searchClause | searchClause
    booleanGroup ::= ('and' | 'or' | 'not' | 'prox') modifierList?
    searchClause ::= '(' cqlQuery ')' | index relation modifierList? term | term
    relation     ::= '=' | '==' | '<>' | '<' | '>' | '<=' | '>=' | a name ('all', 'any', ...)

Booleans have equal precedence and bind to the left. Words are case-insensitive; a term may
be quoted (``"bumi manusia"``, with ``\\"`` inside). ``parse`` raises ``CQLSyntaxError`` with
the character offset of the problem and never anything else; the PyPI package cql-parser says
itself that it is unfinished (prefixes), so this small parser is ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 2000
MAX_DEPTH = 32  # nested parentheses
MAX_CLAUSES = 64

BOOLEANS = ("and", "or", "not", "prox")
SYMBOLS = ("==", "<>", "<=", ">=", "=", "<", ">")
_SPECIAL = set('()=<>"/')


class CQLSyntaxError(ValueError):
    """The query is not CQL; ``position`` is the 0-based character offset of the problem."""

    def __init__(self, message: str, position: int, diagnostic: int = 10) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.diagnostic = diagnostic  # SRU diagnostic: 10 syntax, 13 parentheses, 14 quotes...


@dataclass(frozen=True)
class Modifier:
    name: str
    comparison: str = ""
    value: str = ""


@dataclass(frozen=True)
class SearchClause:
    """``index relation term``; a bare term has index ``cql.serverChoice`` and relation ``=``."""

    index: str
    relation: str
    term: str
    modifiers: tuple[Modifier, ...] = ()
    position: int = 0


@dataclass(frozen=True)
class Boolean:
    operator: str  # "and", "or", "not", "prox"
    left: Node
    right: Node
    modifiers: tuple[Modifier, ...] = ()
    position: int = 0


Node = SearchClause | Boolean


@dataclass(frozen=True)
class Query:
    root: Node
    prefixes: dict[str, str] = field(default_factory=dict)  # name -> context set URI
    sort_keys: str = ""


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "string" (quoted), "symbol", "(", ")", "/", "end"
    text: str
    position: int

    def is_word(self, *names: str) -> bool:
        return self.kind == "word" and self.text.lower() in names


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()/":
            tokens.append(Token(char, char, i))
            i += 1
        elif char in "=<>":
            symbol = next(s for s in SYMBOLS if text.startswith(s, i))
            tokens.append(Token("symbol", symbol, i))
            i += len(symbol)
        elif char == '"':
            value, end = _quoted(text, i)
            tokens.append(Token("string", value, i))
            i = end
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in _SPECIAL:
                i += 1
            tokens.append(Token("word", text[start:i], start))
    tokens.append(Token("end", "", n))
    return tokens


def _quoted(text: str, start: int) -> tuple[str, int]:
    """The term inside quotes from ``start`` (at the quote), and the offset after it.

    Escapes are kept as written except ``\\"``, which becomes a quote (``\\*`` stays a
    literal-star marker for the caller)."""
    out: list[str] = []
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            following = text[i + 1]
            out.append('"' if following == '"' else char + following)
            i += 2
            continue
        if char == '"':
            return "".join(out), i + 1
        out.append(char)
        i += 1
    raise CQLSyntaxError("unterminated quoted term", start, diagnostic=14)


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.at = 0
        self.depth = 0
        self.clauses = 0
        self.prefixes: dict[str, str] = {}

    @property
    def token(self) -> Token:
        return self.tokens[self.at]

    def peek(self, ahead: int = 1) -> Token:
        return self.tokens[min(self.at + ahead, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.token
        self.at = min(self.at + 1, len(self.tokens) - 1)
        return token

    def query(self) -> Node:
        while self.token.kind == "symbol" and self.token.text == ">":
            self.prefix_assignment()
        return self.scoped_clause()

    def prefix_assignment(self) -> None:
        self.take()  # ">"
        first = self.term("a context set")
        if self.token.kind == "symbol" and self.token.text == "=":
            self.take()
            self.prefixes[first.lower()] = self.term("a context set URI")
        else:
            self.prefixes[""] = first

    def scoped_clause(self) -> Node:
        node = self.search_clause()
        while self.token.is_word(*BOOLEANS):
            operator = self.take()
            modifiers = self.modifiers()
            right = self.search_clause()
            node = Boolean(operator.text.lower(), node, right, modifiers, operator.position)
        return node

    def search_clause(self) -> Node:
        token = self.token
        if token.kind == "(":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise CQLSyntaxError("parentheses nested too deeply", token.position, 13)
            node = self.query()
            if self.token.kind != ")":
                raise CQLSyntaxError("missing closing parenthesis", self.token.position, 13)
            self.take()
            self.depth -= 1
            return node
        if token.kind == ")":
            raise CQLSyntaxError("unexpected closing parenthesis", token.position, 13)
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise CQLSyntaxError("too many search clauses", token.position, 38)
        first = self.term("a search term")
        after = self.token
        if after.kind == "symbol" or (
            after.kind == "word" and not after.is_word(*BOOLEANS, "sortby")
        ):
            relation = self.take().text.lower()
            modifiers = self.modifiers()
            term = self.term("a search term after the relation")
            return SearchClause(first, relation, term, modifiers, token.position)
        return SearchClause("cql.serverChoice", "=", first, (), token.position)

    def modifiers(self) -> tuple[Modifier, ...]:
        found = []
        while self.token.kind == "/":
            self.take()
            name = self.term("a modifier name")
            if self.token.kind == "symbol":
                comparison = self.take().text
                found.append(Modifier(name.lower(), comparison, self.term("a modifier value")))
            else:
                found.append(Modifier(name.lower()))
        return tuple(found)

    def term(self, what: str) -> str:
        token = self.token
        if token.kind in ("word", "string"):
            self.take()
            return token.text
        found = "the end of the query" if token.kind == "end" else f"'{token.text}'"
        raise CQLSyntaxError(f"expected {what}, found {found}", token.position)


def parse(text: str) -> Query:
    """The tree of ``text``; raises CQLSyntaxError (with a position) for anything else."""
    if len(text) > MAX_QUERY_LENGTH:
        raise CQLSyntaxError("query too long", MAX_QUERY_LENGTH, diagnostic=12)
    if not text.strip():
        raise CQLSyntaxError("empty query", 0, diagnostic=27)
    parser = _Parser(text)
    root = parser.query()
    sort_keys = ""
    if parser.token.is_word("sortby"):
        start = parser.take().position
        sort_keys = text[start + len("sortby") :].strip()
        if not sort_keys:
            raise CQLSyntaxError("sortby without a sort key", start)
        return Query(root, parser.prefixes, sort_keys)
    token = parser.token
    if token.kind == ")":
        raise CQLSyntaxError("unexpected closing parenthesis", token.position, 13)
    if token.kind != "end":
        raise CQLSyntaxError(f"unexpected '{token.text}'", token.position)
    return Query(root, parser.prefixes, sort_keys)


def to_cql(node: Node) -> str:
    """``node`` written back as CQL (fully parenthesised), for tests and messages."""
    if isinstance(node, Boolean):
        return f"({to_cql(node.left)} {node.operator} {to_cql(node.right)})"
    term = node.term.replace('"', '\\"')
    return f'{node.index} {node.relation} "{term}"'
