"""Markers made real: ``shared_data`` tests skip cleanly when ../shared/data is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

#: The labelled research data beside the project (never copied into it).
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip every ``@pytest.mark.shared_data`` test when the shared data is absent."""
    if SHARED_DATA.is_dir():
        return
    skip = pytest.mark.skip(reason=f"{SHARED_DATA} is absent")
    for item in items:
        if "shared_data" in item.keywords:
            item.add_marker(skip)
