"""The web assets: which Swagger UI bundle /docs may use."""

from __future__ import annotations

from pathlib import Path

import pytest

swagger_ui_bundle = pytest.importorskip("swagger_ui_bundle")

from tahqiq.web import swagger_dir  # noqa: E402


@pytest.mark.parametrize(("folder", "usable"), [("swagger-ui-5.31.0", True), ("swagger-ui-6.0.1", True),
                                                 ("swagger-ui-4.15.5", False), ("odd", False)])
def test_only_a_swagger_ui_that_reads_openapi_3_1_is_served(monkeypatch: pytest.MonkeyPatch,
                                                             folder: str, usable: bool) -> None:
    monkeypatch.setattr(swagger_ui_bundle, "swagger_ui_path", Path("/vendor") / folder)
    assert (swagger_dir() is not None) is usable


def test_the_installed_bundle_is_usable() -> None:
    path = swagger_dir()
    assert path is not None and (path / "swagger-ui-bundle.js").is_file()
