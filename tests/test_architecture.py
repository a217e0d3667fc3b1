"""The core stays plain Python: only reader/ui may import Textual."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "reader"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_textual() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts and "textual" in _imports(path)
    ]
    assert offenders == []


def test_core_modules_exist() -> None:
    # The boundary test above is vacuous if it finds no core modules.
    core = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts]
    assert len(core) >= 8


_DISPLAY_CALLS = frozenset(
    ("Static", "Label", "Option", "Hit", "DiscoveryHit", "update", "Text", "from_markup")
)
"""Calls whose first argument a widget or Rich would parse as markup if it were a str."""


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_ui_hands_widgets_content_not_markup_strings() -> None:
    """Feed text is never markup: in reader/ui every notify() says markup=False, and no
    widget, Rich Text or palette hit is built from a str literal or an f-string (which
    is how feed text got parsed as markup in the command palette, issue 12)."""
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            where = f"{path.relative_to(PACKAGE)}:{node.lineno} {name}"
            if name == "notify" and not any(
                k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            ):
                offenders.append(where)
            if name in _DISPLAY_CALLS and node.args and (
                isinstance(node.args[0], ast.JoinedStr)
                or (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))
            ):
                offenders.append(where)
    assert offenders == []
