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


# Import contracts (as in harlequin): every import counts, a function's too. ----------


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _reader_imports(path: Path) -> set[str]:
    """The ``reader`` modules ``path`` imports, anywhere in it (lazy imports too)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            names.add(base)
            # ``from reader.ui import app`` imports the module reader.ui.app
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name == "reader" or name.startswith("reader.")}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {
        name: {target for target in _reader_imports(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def _cycles(graph: dict[str, set[str]], inside: str) -> list[list[str]]:
    """Every import circle among the modules under ``inside`` (one path per circle)."""
    nodes = {name for name in graph if name == inside or name.startswith(inside + ".")}
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node] & nodes):
            if state.get(target) == 1:
                found.append([*stack[stack.index(target):], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(nodes):
        if node not in state:
            visit(node)
    return found


def test_no_import_circle_inside_the_ui() -> None:
    assert _cycles(_graph(), "reader.ui") == []


def test_the_contract_finds_a_circle() -> None:
    # The check above is vacuous if it cannot see one.
    graph = {"reader.ui.a": {"reader.ui.b"}, "reader.ui.b": {"reader.ui.a"}}
    assert _cycles(graph, "reader.ui") == [["reader.ui.a", "reader.ui.b", "reader.ui.a"]]


def test_the_graph_sees_lazy_imports() -> None:
    assert "reader.ui.screens.feeds" in _graph()["reader.ui.keys"]


def test_nothing_outside_the_ui_imports_it() -> None:
    graph = _graph()
    offenders = {
        name: sorted(target for target in targets if target.startswith("reader.ui"))
        for name, targets in graph.items()
        if not name.startswith("reader.ui") and name != "reader.__main__"
        and any(target.startswith("reader.ui") for target in targets)
    }
    assert offenders == {"reader.cli": ["reader.ui.app"]}  # the `reader` command starts it


def test_store_never_imports_html_text() -> None:
    assert "reader.html_text" not in _graph()["reader.store"]


def _long_files(under: Path) -> dict[str, int]:
    return {
        str(path.relative_to(PACKAGE)): lines
        for path in under.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }


def test_no_ui_file_over_600_lines() -> None:
    assert _long_files(PACKAGE / "ui") == {}


def test_no_file_in_reader_over_600_lines() -> None:
    assert _long_files(PACKAGE) == {}


def test_no_private_feedparser_name_is_imported() -> None:
    """feedparser's next release renames its private names (``_HTMLSanitizer`` already)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("feedparser"):
                offenders += [
                    f"{path.name}: {alias.name}" for alias in node.names
                    if alias.name.startswith("_")
                ]


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
