"""The one artifact manifest and the one table reader (tahqiq.core)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tahqiq.core.errors import IndexMismatchError, ModelArtifactError
from tahqiq.core.manifest import ArtifactManifest, read_manifest, write_manifest
from tahqiq.core.tables import STAGES, changed_tables, data_version, read_table, table_checksums


def _manifest(tmp_path: Path) -> ArtifactManifest:
    (tmp_path / "a.bin").write_bytes(b"abc")
    made = ArtifactManifest.new("tahqiq.test", 3, "nv-1", stages=("stance",), params={"k": 1},
                                state={"count": 2})
    return write_manifest(tmp_path, made.with_files(tmp_path, ["a.bin"]))


def test_a_written_manifest_reads_back_the_same(tmp_path: Path) -> None:
    written = _manifest(tmp_path)
    assert read_manifest(tmp_path, ModelArtifactError) == written
    on_disk = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk["schema"] == 1 and on_disk["data_version"] == data_version()
    assert set(on_disk["tables"]) == {"stance/cues.v1.json", "stance/relation.v1.json"}
    assert on_disk["files"]["a.bin"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert written.evolve(count=3).state == {"count": 3} and written.state == {"count": 2}


@pytest.mark.parametrize(("change", "message"), [
    ({"kind": "tahqiq.other"}, "kind"), ({"format_version": 2}, "format_version"),
    ({"normalizer_version": "nv-0"}, "normalizer_version"),
    ({"tables": {"stance/cues.v1.json": "0" * 64}}, "other tables"),
])
def test_check_refuses_another_kind_format_normalizer_or_table(tmp_path: Path, change: dict,
                                                              message: str) -> None:
    written = _manifest(tmp_path)
    data = {**written.to_json(), **change}
    if "tables" in change:
        data["tables"] = {**written.tables, **change["tables"]}
    found = ArtifactManifest.from_json(data)
    with pytest.raises(IndexMismatchError, match=message):
        found.check(IndexMismatchError, kind="tahqiq.test", format_version=3,
                    normalizer_version="nv-1", stages=("stance",))
    written.check(IndexMismatchError, kind="tahqiq.test", format_version=3,
                  normalizer_version="nv-1", stages=("stance",))


def test_a_changed_file_or_an_unreadable_manifest_is_refused(tmp_path: Path) -> None:
    written = _manifest(tmp_path)
    written.check_files(tmp_path, ModelArtifactError)
    (tmp_path / "a.bin").write_bytes(b"abd")
    with pytest.raises(ModelArtifactError, match="checksum"):
        written.check_files(tmp_path, ModelArtifactError)
    (tmp_path / "manifest.json").write_text('{"kind": "old layout"}', encoding="utf-8")
    with pytest.raises(ModelArtifactError, match="schema"):
        read_manifest(tmp_path, ModelArtifactError)
    with pytest.raises(ModelArtifactError, match="no manifest.json"):
        read_manifest(tmp_path / "absent", ModelArtifactError)


def test_one_data_version_covers_every_stage_s_tables() -> None:
    every = table_checksums()
    assert {name.split("/")[0] for name in every} == set(STAGES)
    assert "sources/outlets.v4.json" in every and "verify/vocabulary.v1.json" in every
    assert changed_tables(table_checksums(("text",)), ("text",)) == []
    pinned = {**table_checksums(("text",)), "text/glue.v1.json": "0" * 64, "text/gone.v1.json": "1"}
    assert changed_tables(pinned, ("text",)) == ["text/glue.v1.json", "text/gone.v1.json"]
    assert data_version().startswith("data+") and len(data_version()) == 17


def test_a_table_without_a_version_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_table("tahqiq.stance", "cues.v1.json")["version"] == 1
    package = tmp_path / "fake_stage"
    (package / "tables").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "tables" / "words.v1.json").write_text('{"name": "words"}', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ValueError, match="version"):
        read_table("fake_stage", "words.v1.json")
