"""The core (cases, config) never imports a stage app: stages add to the core's pages, demo and
My work through cases.extensions, so a new stage app plugs in without the core naming it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STAGE_APPS = {"referrals", "rapid_reviews", "lcspr", "notifications"}


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "cases").rglob("*.py") if "migrations" not in p.parts),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_the_core_never_imports_a_stage_app(path):
    named = {name.split(".")[0] for name in _imports(path)} & STAGE_APPS
    assert not named, (
        f"{path.relative_to(ROOT)} imports {sorted(named)}: register through cases.extensions"
    )
