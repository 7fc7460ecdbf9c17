"""Reading a user's labelled JSONL file, and scoring it per capability."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tahqiq.errors import ConfigError
from tahqiq.evaluation.stance import NO_CAPABILITY, evaluate_jsonl
from tahqiq.stance.data import LabelledPair, read_jsonl_pairs

CLAIM = "أغلقت السلطات المعبر الحدودي"


def write(tmp_path: Path, *lines: str, name: str = "pairs.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(**fields: object) -> str:
    return json.dumps({"claim": CLAIM, "text": "أغلق المعبر صباح اليوم.", "stance": "agree",
                       **fields}, ensure_ascii=False)


def test_reads_fields_line_numbers_and_skips_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, record(id="a", capability="paraphrase"), "", "   ",
                 record(stance=" Disagree ", id=12), record(capability="  "))
    first, second, third = read_jsonl_pairs(path)
    assert first == LabelledPair(first.claim_id, CLAIM, "أغلق المعبر صباح اليوم.", "agree",
                                 capability="paraphrase", id="a", line=1)
    assert (second.stance, second.id, second.line, second.capability) == ("disagree", "12", 4, None)
    assert (third.id, third.capability, third.line) == (None, None, 5)
    assert first.claim_id == second.claim_id  # one id per claim text


def test_title_and_text_are_joined_by_a_newline(tmp_path: Path) -> None:
    [pair] = read_jsonl_pairs(write(tmp_path, record(title="عاجل", text="أغلق المعبر.")))
    assert pair.text == "عاجل\nأغلق المعبر."
    [pair] = read_jsonl_pairs(write(tmp_path, record(title="", text="أغلق المعبر."), name="b.jsonl"))
    assert pair.text == "أغلق المعبر."


def test_a_byte_order_mark_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(("\ufeff" + record() + "\r\n" + record(stance="unrelated") + "\r\n").encode())
    assert [p.stance for p in read_jsonl_pairs(path)] == ["agree", "unrelated"]


def test_line_separator_inside_a_string_does_not_split_the_line(tmp_path: Path) -> None:
    raw = json.dumps({"claim": CLAIM, "text": "سطر\u2028آخر", "stance": "discuss"},
                     ensure_ascii=False)
    path = write(tmp_path, raw, record())
    assert [p.line for p in read_jsonl_pairs(path)] == [1, 2]


@pytest.mark.parametrize(("bad", "reason"), [
    ('{"claim": "x", "text": ', "not valid JSON"),
    ('"just a string"', "expected a JSON object"),
    ('{"text": "y", "stance": "agree"}', "missing field 'claim'"),
    ('{"claim": "x", "text": "y"}', "missing field 'stance'"),
    ('{"claim": "x", "stance": "agree"}', "missing field 'text'"),
    ('{"claim": "x", "text": "y", "stance": "other"}', "unknown stance 'other'"),
    ('{"claim": "x", "text": "y", "stance": null}', "unknown stance None"),
    ('{"claim": "  ", "text": "y", "stance": "agree"}', "'claim' is empty"),
    ('{"claim": "x", "text": 3, "stance": "agree"}', "'text' must be a string"),
    ('{"claim": "x", "text": "y", "stance": "agree", "capability": ["a"]}',
     "'capability' must be a string"),
    ('{"claim": "x", "text": "y", "stance": "agree", "id": {"a": 1}}', "'id' must be"),
])
def test_bad_lines_name_the_file_and_line(tmp_path: Path, bad: str, reason: str) -> None:
    path = write(tmp_path, record(), "", bad, record())
    with pytest.raises(ConfigError) as info:
        read_jsonl_pairs(path)
    message = str(info.value)
    assert message.startswith(f"{path}:3: ") and reason in message
    assert "\n" not in message and info.value.exit_code == 2


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_an_empty_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match="empty"):
        read_jsonl_pairs(path)


def test_undecodable_or_missing_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "latin.jsonl").write_bytes(b'{"claim": "\xe9"}\n')
    with pytest.raises(ConfigError, match="UTF-8"):
        read_jsonl_pairs(tmp_path / "latin.jsonl")
    with pytest.raises(ConfigError, match="cannot read"):
        read_jsonl_pairs(tmp_path / "nope.jsonl")


class EchoModel:
    """Predicts the label written at the start of the text (a stand-in for the model)."""

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    def predict(self, X: list[tuple[str, str]]) -> list[str]:
        self.calls.append(list(X))
        return [text.split()[0] for _, text in X]


def test_evaluate_jsonl_groups_by_capability(tmp_path: Path) -> None:
    path = write(tmp_path,
                 record(text="agree نص", stance="agree", capability="paraphrase", id="a"),
                 record(text="discuss نص", stance="agree", capability="paraphrase", id="b"),
                 record(text="disagree نص", stance="disagree", capability="negation"),
                 record(text="agree نص", stance="unrelated"))
    progress: list[tuple[int, int]] = []
    model = EchoModel()
    report = evaluate_jsonl(model, path, lambda done, total: progress.append((done, total)))
    assert model.calls == [[(CLAIM, t) for t in ("agree نص", "discuss نص", "disagree نص", "agree نص")]]
    assert progress[-1] == (4, 4)
    assert report["n"] == 4 and report["accuracy"] == 0.5
    assert report["confusion"]["agree"]["discuss"] == 1
    caps = report["per_capability"]
    assert list(caps) == sorted(caps)
    assert caps["paraphrase"] == {"n": 2, "correct": 1, "accuracy": 0.5, "misses": [
        {"id": "b", "line": 2, "expected": "agree", "predicted": "discuss"}]}
    assert caps["negation"] == {"n": 1, "correct": 1, "accuracy": 1.0, "misses": []}
    assert caps[NO_CAPABILITY]["misses"] == [
        {"id": None, "line": 4, "expected": "unrelated", "predicted": "agree"}]


def test_evaluate_jsonl_without_capabilities_has_the_plain_contract(tmp_path: Path) -> None:
    pairs = read_jsonl_pairs(write(tmp_path, *(record(text=f"{s} نص", stance=s)
                                               for s in ("agree", "disagree", "discuss"))))
    report = evaluate_jsonl(EchoModel(), pairs)
    assert set(report) == {"n", "accuracy", "macro_f1", "per_class", "confusion"}
    assert report["accuracy"] == 1.0
