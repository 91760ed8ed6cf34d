"""List product modules over 400 lines and functions over 60 lines (the house limits); exit 1 if any.

`python scripts/code_size.py [folder ...]` (default: tracker and config). Migrations are generated
code and are not counted. A function's length runs from its `def` to its last line (decorators, such as
a rule's declaration, are not counted).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
ROOT = Path(__file__).resolve().parent.parent


def offenders(folders: list[Path]) -> list[str]:
    """One line per module or function over its limit, as `path:line name: N lines`."""
    found = []
    for path in sorted(p for folder in folders for p in folder.rglob("*.py") if "migrations" not in p.parts):
        text = path.read_text()
        name = path.relative_to(ROOT)
        if (lines := len(text.splitlines())) > MAX_MODULE_LINES:
            found.append(f"{name}: module of {lines} lines")
        functions = (n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))
        for node in functions:
            if (length := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES:
                found.append(f"{name}:{node.lineno} {node.name}: function of {length} lines")
    return found


if __name__ == "__main__":
    folders = [ROOT / arg for arg in sys.argv[1:]] or [ROOT / "tracker", ROOT / "config"]
    listed = offenders(folders)
    print("\n".join(listed) or f"No module over {MAX_MODULE_LINES} lines, no function over {MAX_FUNCTION_LINES}.")
    sys.exit(1 if listed else 0)
