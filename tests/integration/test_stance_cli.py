"""`tahqiq eval stance` and `tahqiq train stance` as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} is absent")
KEYS = {"n", "accuracy", "macro_f1", "per_class", "confusion"}


def tahqiq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tahqiq", *args], capture_output=True,
                          text=True, timeout=900)


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


@needs_shared
def test_eval_ans_prints_the_json_contract(model_dir: Path) -> None:
    proc = tahqiq("eval", "stance", "--format", "ans", "--data",
                  str(SHARED / "ans" / "stance" / "dev.csv"), "--model", str(model_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert KEYS <= set(report) and report["n"] > 700
    assert set(report["per_class"]) == {"agree", "disagree", "other"}
    assert {"precision", "recall", "f1"} <= set(report["per_class"]["agree"])
    assert report["macro_f1"] > 0.4  # far above a constant guess (~0.26)


@needs_shared
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
