"""`tahqiq eval stance` and `tahqiq train stance` as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli_runner import Completed, tahqiq
from conftest import SHARED_DATA as SHARED

KEYS = {"n", "accuracy", "macro_f1", "per_class", "confusion"}




@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged model, or one trained on the shared data when none is packaged."""
    from tahqiq.stance.artifacts import default_model_path

    packaged = default_model_path()
    if (packaged / "manifest.json").is_file():
        return packaged
    if not SHARED.is_dir():
        pytest.skip("no packaged stance model and no shared data to train one")
    out = tmp_path_factory.mktemp("stance") / "model"
    proc = tahqiq("train", "stance", "--data", str(SHARED), "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.shared_data
@pytest.mark.slow
def test_eval_ans_prints_the_json_contract(model_dir: Path) -> None:
    proc = tahqiq("eval", "stance", "--format", "ans", "--data",
                  str(SHARED / "ans" / "stance" / "dev.csv"), "--model", str(model_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert KEYS <= set(report) and report["n"] > 700
    assert set(report["per_class"]) == {"agree", "disagree", "other"}
    assert {"precision", "recall", "f1"} <= set(report["per_class"]["agree"])
    assert report["macro_f1"] > 0.4  # far above a constant guess (~0.26)


@pytest.mark.shared_data
def test_eval_baly_reports_rationale_precision(model_dir: Path, tmp_path: Path) -> None:
    claims = sorted((SHARED / "baly2018" / "claims").glob("*.json"))[:6]
    for path in claims:
        shutil.copy(path, tmp_path / path.name)
    proc = tahqiq("eval", "stance", "--format", "baly", "--data", str(tmp_path),
                  "--model", str(model_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert KEYS | {"rationale_p_at_1"} <= set(report)
    assert set(report["confusion"]) == {"agree", "disagree", "discuss", "unrelated"}
    assert 0.0 <= report["rationale_p_at_1"] <= 1.0


def test_eval_on_a_missing_or_wrong_path_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    proc = tahqiq("eval", "stance", "--format", "baly", "--data", str(tmp_path / "x.csv"))
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    proc = tahqiq("eval", "stance", "--format", "ans", "--data", str(tmp_path / "nope.csv"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


# -- --format jsonl: a user's own labelled file ---------------------------------

CLAIM = "رفعت الحكومة أسعار الوقود"
JSONL_RECORDS = [
    {"id": "p1", "claim": CLAIM, "capability": "paraphrase", "stance": "agree",
     "text": "أعلنت الحكومة اليوم رفع أسعار الوقود بنسبة عشرة في المئة."},
    {"id": "n1", "claim": CLAIM, "capability": "negation", "stance": "disagree",
     "title": "الحكومة تنفي", "text": "نفت وزارة الطاقة أي زيادة في أسعار الوقود."},
    {"claim": CLAIM, "capability": "topic", "stance": "unrelated",
     "text": "فاز المنتخب الوطني بكأس البطولة بعد مباراة مثيرة."},
    {"id": 7, "claim": CLAIM, "capability": "paraphrase", "stance": "discuss",
     "text": "تتداول مواقع أنباء عن زيادة مرتقبة في أسعار الوقود ولم يصدر تأكيد رسمي."},
]


def write_jsonl(path: Path, records: list[dict], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + extra,
                    encoding="utf-8")
    return path


def eval_jsonl(path: Path, *args: str) -> Completed:
    return tahqiq("eval", "stance", "--format", "jsonl", "--data", str(path), *args)


def test_eval_jsonl_reports_metrics_and_per_capability(model_dir: Path, tmp_path: Path) -> None:
    proc = eval_jsonl(write_jsonl(tmp_path / "mine.jsonl", JSONL_RECORDS),
                      "--model", str(model_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert KEYS | {"per_capability"} <= set(report) and report["n"] == 4
    assert set(report["confusion"]) == {"agree", "disagree", "discuss", "unrelated"}
    caps = report["per_capability"]
    assert set(caps) == {"paraphrase", "negation", "topic"}
    assert caps["paraphrase"]["n"] == 2
    assert sum(c["n"] for c in caps.values()) == report["n"]
    correct = sum(report["confusion"][lab][lab] for lab in report["confusion"])
    assert sum(c["correct"] for c in caps.values()) == correct
    for c in caps.values():
        assert c["correct"] + len(c["misses"]) == c["n"]
        assert c["accuracy"] == round(c["correct"] / c["n"], 4)
        for miss in c["misses"]:
            assert set(miss) == {"id", "line", "expected", "predicted"}
            assert miss["expected"] != miss["predicted"]
            assert miss["id"] == {1: "p1", 2: "n1", 3: None, 4: "7"}[miss["line"]]


def test_eval_jsonl_human_output_has_the_capability_table(model_dir: Path, tmp_path: Path) -> None:
    proc = eval_jsonl(write_jsonl(tmp_path / "mine.jsonl", JSONL_RECORDS), "--model", str(model_dir))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "macro-F1" in out and "confusion" in out and "capability" in out
    table = out[out.index("capability"):].splitlines()[1:4]
    accuracies = [float(row.split()[1]) for row in table]
    assert accuracies == sorted(accuracies)  # worst first
    assert {row.split()[0] for row in table} == {"paraphrase", "negation", "topic"}


def test_eval_jsonl_title_plus_text_is_the_text_joined(model_dir: Path, tmp_path: Path) -> None:
    # no capability fields here, so no per_capability either
    plain = [{k: v for k, v in r.items() if k != "capability"} for r in JSONL_RECORDS]
    joined = [{**{k: v for k, v in r.items() if k != "title"}, "text": r["title"] + "\n" + r["text"]}
              if "title" in r else r for r in plain]
    a = eval_jsonl(write_jsonl(tmp_path / "a.jsonl", plain), "--model", str(model_dir), "--json")
    b = eval_jsonl(write_jsonl(tmp_path / "b.jsonl", joined), "--model", str(model_dir), "--json")
    assert a.returncode == b.returncode == 0, a.stderr + b.stderr
    report = json.loads(a.stdout)
    assert report == json.loads(b.stdout)
    assert KEYS <= set(report) and report["n"] == 4 and "per_capability" not in report


@pytest.mark.parametrize(("extra", "line", "reason"), [
    ('{"claim": "x", "text": "y", "stance": "agree"\n', 5, "not valid JSON"),
    ('{"claim": "x", "stance": "agree"}\n', 5, "missing field 'text'"),
    ('\n{"claim": "x", "text": "y", "stance": "maybe"}\n', 6, "unknown stance 'maybe'"),
    ('["x", "y", "agree"]\n', 5, "expected a JSON object"),
])
def test_eval_jsonl_bad_line_is_one_line_naming_file_and_line(tmp_path: Path, extra: str,
                                                              line: int, reason: str) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", JSONL_RECORDS, extra)
    proc = eval_jsonl(path, "--json")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr
    [message] = proc.stderr.strip().splitlines()
    assert message.startswith("tahqiq: error: ") and f"{path}:{line}:" in message and reason in message


def test_eval_jsonl_empty_file_or_folder_is_bad_usage(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n  \n", encoding="utf-8")
    proc = eval_jsonl(tmp_path / "empty.jsonl")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "empty" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    proc = eval_jsonl(tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "--data" in proc.stderr
