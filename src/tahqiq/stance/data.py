"""Readers for labelled stance data: Baly et al. 2018, ANS, and a user's JSONL.

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

from ..core.errors import ConfigError
from .labels import LABELS

_INDEX = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """One (claim, article) pair with its gold stance and rationale lines.

    Pairs read from a user's JSONL file also carry the record's optional
    ``capability`` and ``id`` and the 1-based ``line`` it came from.
    """

    claim_id: str
    claim: str
    text: str
    stance: str
    rationale: tuple[int, ...] = ()
    capability: str | None = None
    id: str | None = None
    line: int | None = None


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


def read_jsonl_pairs(path: Path) -> list[LabelledPair]:
    """Labelled pairs from a JSONL file, one JSON object per line.

    Each object has ``claim``, ``text`` and ``stance`` (one of :data:`LABELS`),
    and optionally ``title`` (then the text is ``title + "\\n" + text``),
    ``capability`` and ``id``.  Blank lines are skipped.  Any other problem
    (broken JSON, a missing or non-string field, an unknown label, no records
    at all) raises :class:`ConfigError` naming the file and line.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        # split on "\n" only: JSON strings may hold U+2028 and other characters
        # that str.splitlines() would treat as line ends
        lines = raw.decode("utf-8-sig").split("\n")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    pairs = [_jsonl_pair(path, number, line)
             for number, line in enumerate(lines, start=1) if line.strip()]
    if not pairs:
        raise ConfigError(f"{path}: no labelled pairs (the file is empty)")
    return pairs


def _jsonl_pair(path: Path, number: int, line: str) -> LabelledPair:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ConfigError(f"{where}: expected a JSON object, got {type(record).__name__}")
    missing = [key for key in ("claim", "text", "stance") if key not in record]
    if missing:
        raise ConfigError(f"{where}: missing field {', '.join(map(repr, missing))}")
    fields = {}
    for key in ("claim", "text", "stance", "title", "capability"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{where}: {key!r} must be a string, got {type(value).__name__}")
        fields[key] = value
    claim, text = fields["claim"] or "", fields["text"] or ""
    if not claim.strip():
        raise ConfigError(f"{where}: 'claim' is empty")
    stance = (fields["stance"] or "").strip().lower()
    if stance not in LABELS:
        raise ConfigError(f"{where}: unknown stance {record['stance']!r}; "
                          f"expected one of {', '.join(LABELS)}")
    if fields["title"] and fields["title"].strip():
        text = f"{fields['title']}\n{text}"
    record_id = record.get("id")
    if isinstance(record_id, (dict, list)):
        raise ConfigError(f"{where}: 'id' must be a string or a number")
    capability = (fields["capability"] or "").strip() or None
    return LabelledPair(f"jsonl-{hashlib.sha1(claim.encode()).hexdigest()[:10]}", claim, text,
                        stance, capability=capability,
                        id=None if record_id is None else str(record_id), line=number)


def data_sha256(paths: list[Path]) -> str:
    """One sha256 over the bytes of ``paths`` (in the given order)."""
    from ..core.files import sha256_files

    return sha256_files(paths)
