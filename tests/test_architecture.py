"""Apps import only from apps above them in STYLE.md's order (lib first, demo last)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ORDER = [
    "lib",
    "accounts",
    "libraries",
    "catalog",
    "members",
    "circulation",
    "network",
    "community",
    "insights",
    "jobs",
    "api",
    "web",
    "demo",
]
ROOT = Path(__file__).resolve().parent.parent / "simpul"
PROJECT_MODULES = {"settings", "urls", "wsgi"}


def imported_apps(path: Path) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "simpul" and len(parts) > 1:
                found.add((parts[1], node.lineno))
    return found


def app_files() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(ROOT).parts[0], path)
        for path in sorted(ROOT.rglob("*.py"))
        # An app's own tests may use the demo personas, which sit below every app.
        if len(path.relative_to(ROOT).parts) > 1 and "tests" not in path.relative_to(ROOT).parts
    ]


def test_every_app_has_a_place_in_the_order():
    apps = {app for app, _path in app_files()}
    assert apps <= set(ORDER), f"add {apps - set(ORDER)} to ORDER and STYLE.md"


@pytest.mark.parametrize(("app", "path"), app_files(), ids=lambda v: str(v))
def test_an_app_imports_only_from_apps_above_it(app, path):
    rank = ORDER.index(app)
    for imported, line in imported_apps(path):
        if imported in PROJECT_MODULES:
            assert imported == "settings", f"{path}:{line} imports simpul.{imported}"
            continue
        assert ORDER.index(imported) <= rank, (
            f"{path.relative_to(ROOT.parent)}:{line}: {app} imports {imported}, "
            f"which comes below it in STYLE.md's order"
        )


def test_the_check_catches_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from simpul.web.views import home\n")
    assert ("web", 1) in imported_apps(bad)
