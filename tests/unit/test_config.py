from pathlib import Path

import pytest

from tahqiq.config import DEFAULT_MAX_FILE_BYTES, Settings, resolve_settings
from tahqiq.errors import ConfigError


def test_defaults_without_environment() -> None:
    s = resolve_settings(env={})
    assert s == Settings()
    assert s.db_path == Path("tahqiq.db")
    assert s.max_file_bytes == DEFAULT_MAX_FILE_BYTES
    assert s.index_path == Path("tahqiq.db.index")


def test_flag_beats_environment_beats_default() -> None:
    env = {"TAHQIQ_DB": "/tmp/env.db", "TAHQIQ_MAX_FILE_BYTES": "1000"}
    assert resolve_settings(env=env).db_path == Path("/tmp/env.db")
    assert resolve_settings({"db_path": "flag.db"}, env=env).db_path == Path("flag.db")
    assert resolve_settings({"db_path": None}, env=env).db_path == Path("/tmp/env.db")
    assert resolve_settings(env=env).max_file_bytes == 1000


@pytest.mark.parametrize("value", ["abc", "-5", "0"])
def test_bad_numbers_are_config_errors(value: str) -> None:
    with pytest.raises(ConfigError, match="max_file_bytes"):
        resolve_settings(env={"TAHQIQ_MAX_FILE_BYTES": value})


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        resolve_settings({"colour": "blue"}, env={})


def test_a_corpus_keeps_the_settings_it_is_given_beside_its_path(tmp_path: Path) -> None:
    from tahqiq.corpus import Corpus

    given = Settings(batch_size=7, link_on_ingest=False, api_token="secret", progress=False)
    corpus = Corpus(tmp_path / "desk.db", settings=given)
    assert corpus.settings.db_path == tmp_path / "desk.db"
    assert (corpus.settings.batch_size, corpus.settings.link_on_ingest, corpus.settings.api_token) == \
        (7, False, "secret")
