"""The layers contract (pyproject.toml, ``[tool.importlinter]``): imports go downward only."""

from __future__ import annotations

from pathlib import Path

from importlinter import cli

ROOT = Path(__file__).resolve().parents[2]


def test_layers_import_downward_only() -> None:
    assert cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0, \
        "a layer imports one above it: see the report printed above"
