"""Readers for the labelled research data (Baly et al. 2018 and ANS).

Nothing here is shipped data: the files are read from wherever the user
points (by default ``../shared/data`` beside the repository).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

_INDEX = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """One (claim, article) pair with its gold stance and rationale lines."""

    claim_id: str
    claim: str
    text: str
    stance: str
    rationale: tuple[int, ...] = ()


def read_baly(directory: Path) -> list[LabelledPair]:
    """Every pair of every ``*.json`` claim file in ``directory`` (sorted by file)."""
    files = sorted(Path(directory).glob("*.json"))
    if not files:
        raise ConfigError(f"no Baly-format claim files (*.json) in {directory}")
    pairs = []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            for text, stance, rationale in zip(data["article"], data["stance"], data["rationale"],
                                               strict=True):
                rat = tuple(int(i) for i in _INDEX.findall(rationale or ""))
                pairs.append(LabelledPair(str(data["id"]), data["claim"], text or "", stance, rat))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path} is not a Baly-format claim file: {exc}") from None
    return pairs


def read_baly_facts(directory: Path) -> dict[str, tuple[str, str]]:
    """Claim id -> (claim text, gold factuality "true"/"false") for every claim file."""
    facts = {}
    for path in sorted(Path(directory).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            facts[str(data["id"])] = (data["claim"], str(data["fact"]).lower())
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path} is not a Baly-format claim file: {exc}") from None
    return facts


def read_folds(path: Path) -> dict[str, int]:
    """Claim id -> fold number from a Baly ``folds.txt``."""
    folds = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if ":" in line:
            name, ids = line.split(":", 1)
            for claim_id in ids.split():
                folds[claim_id] = int(name.strip().split("_")[-1])
    return folds


def read_ans(path: Path) -> list[LabelledPair]:
    """ANS stance pairs: ``s1`` is the claim, ``s2`` the text, labels agree/disagree/other."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return [LabelledPair(f"ans-{hashlib.sha1(r['s1'].encode()).hexdigest()[:10]}",
                             r["s1"], r["s2"], r["stance"]) for r in rows]
    except (OSError, KeyError, csv.Error) as exc:
        raise ConfigError(f"{path} is not an ANS stance CSV (s1,s2,stance): {exc}") from None


def data_sha256(paths: list[Path]) -> str:
    """One sha256 over the bytes of ``paths`` (in the given order)."""
    from .._files import sha256_files

    return sha256_files(paths)
