"""The attribution engine as data: its tables, its module layout and its frozen document."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from tahqiq.sources import _speech, attribution, outlets
from tahqiq.sources.attrib import gazetteer, lexicon, spans


def test_every_table_is_listed_and_named() -> None:
    assert lexicon.TABLE_FILES["attribution"] == "attribution.v1.json"
    for name, filename in lexicon.TABLE_FILES.items():
        table = lexicon.load_table(name)
        assert filename == f"{name}.v{table['version']}.json"


def test_tables_version_names_each_table_and_a_checksum() -> None:
    version = lexicon.tables_version()
    assert version.startswith("attribution.v1+cues.v1+fold.v1+outlets.v4+")
    assert version.rsplit("+", 1)[1] == lexicon.tables_checksum()[:8]


def test_word_lists_fold_on_load() -> None:
    assert lexicon.words("bare_heads") >= {"صحيفه", "وكاله", "اذاعه"}
    assert lexicon.words("relay_speaker_marks") == {"عن", "الي"}
    assert "لـ" in lexicon.raw_words("told_lam")  # compared with the text: kept as written


def test_patterns_are_filled_from_word_lists() -> None:
    text = lexicon.pattern_text("outlet_name", proclitics=lexicon.proclitic_pattern(), names="x")
    assert "{" not in text.replace("{1,", "").replace("{0,", "")
    assert lexicon.proclitic_pattern() == "[وف]?[بلك]?"


def test_old_import_paths_give_the_same_objects() -> None:
    assert outlets.load_table is lexicon.load_table
    assert outlets.fold_key is lexicon.fold_key
    assert outlets.Gazetteer is gazetteer.Gazetteer
    assert _speech.lexicon is lexicon.lexicon
    assert _speech.Doc is spans.Doc
    assert attribution.MAX_ATTRIBUTIONS == 2000


def test_the_read_document_is_frozen() -> None:
    doc = spans.Doc.read("قال الوزير لرويترز إن الخطة جاهزة.", gazetteer.load_gazetteer())
    assert [c.lemma for c in doc.cues] == ["قال"]
    assert doc.cue_tokens == frozenset({0})
    assert doc.overlaps_mention(12, 13)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.press_review = True  # type: ignore[misc]


def test_importing_the_engine_reads_no_table() -> None:
    code = ("import tahqiq.sources.attrib.citations, tahqiq.sources.attrib.unknown, "
            "tahqiq.sources.attrib.speech, tahqiq.sources.attrib.publishers, "
            "tahqiq.sources.attribution as a; from tahqiq.sources.attrib import lexicon as l; "
            "print(l.load_table.cache_info().currsize, l.pattern.cache_info().currsize, "
            "l.words.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0", "0"]
