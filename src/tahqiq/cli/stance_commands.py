"""``tahqiq train stance`` and ``tahqiq eval stance``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .output import emit_json, progress_bar

DEFAULT_DATA = Path("..") / "shared" / "data"


@click.group()
def train() -> None:
    """Train models from labelled data."""


@train.command("stance")
@click.option("--data", "data", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=DEFAULT_DATA, show_default=True,
              help="Folder holding baly2018/ and ans/ (the research data).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the packaged default model).")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--cv/--no-cv", default=True, show_default=True,
              help="Measure the configuration by claim-level cross-validation first.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def train_stance_command(data: Path, out: Path | None, seed: int, cv: bool, as_json: bool) -> None:
    """Fit the stance model on Baly et al. + ANS train and save it."""
    from ..evaluation.stance import train_stance
    from ..stance.artifacts import default_model_path

    with progress_bar(not as_json, "prepare") as progress:
        model, info = train_stance(data, seed=seed, cv=cv, progress=progress)
    target = out or default_model_path()
    model.save(target, **info)
    if as_json:
        emit_json(model.manifest)
    else:
        click.echo(f"saved stance model to {target} ({info['training_data']['pairs']} pairs)")


@click.group("eval")
def evaluate() -> None:
    """Score models on labelled data."""


@evaluate.command("stance")
@click.option("--format", "fmt", type=click.Choice(["baly", "ans", "jsonl"]), required=True)
@click.option("--data", "data", type=click.Path(exists=True, path_type=Path), required=True,
              help="A folder of Baly claim JSON files, an ANS stance CSV, or a JSONL file "
                   "of {claim, text or title+text, stance[, capability, id]} records.")
@click.option("--model", "model_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="A model folder (default: the packaged model).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def eval_stance_command(fmt: str, data: Path, model_dir: Path | None, as_json: bool) -> None:
    """Accuracy, macro-F1, per-class P/R/F1 and the confusion matrix (JSONL: per capability too)."""
    from ..evaluation.stance import evaluate_ans, evaluate_baly, evaluate_jsonl
    from ..stance import load_default, load_model
    from ..stance.data import read_jsonl_pairs

    if fmt == "baly" and not data.is_dir():
        raise click.BadParameter("--format baly needs a folder of claim files", param_hint="--data")
    if fmt in ("ans", "jsonl") and data.is_dir():
        raise click.BadParameter(f"--format {fmt} needs a file, not a folder", param_hint="--data")
    pairs = read_jsonl_pairs(data) if fmt == "jsonl" else None  # bad data fails before the model loads
    model = load_model(model_dir) if model_dir else load_default()
    with progress_bar(not as_json, "stance", unit="pair") as progress:
        if fmt == "baly":
            report = evaluate_baly(model, data, progress)
        elif pairs is not None:
            report = evaluate_jsonl(model, pairs, progress)
        else:
            report = evaluate_ans(model, data, progress)
    if as_json:
        emit_json(report)
    else:
        _print_report(report)


def _print_report(report: dict[str, Any]) -> None:
    click.echo(f"pairs: {report['n']}  accuracy: {report['accuracy']:.4f}  "
               f"macro-F1: {report['macro_f1']:.4f}")
    if "rationale_p_at_1" in report:
        click.echo(f"rationale precision@1: {report['rationale_p_at_1']:.4f}")
    labels = list(report["per_class"])
    click.echo(f"\n{'class':<10} {'P':>7} {'R':>7} {'F1':>7} {'n':>6}")
    for lab, m in report["per_class"].items():
        click.echo(f"{lab:<10} {m['precision']:>7.4f} {m['recall']:>7.4f} {m['f1']:>7.4f} {m['support']:>6}")
    click.echo("\nconfusion (rows gold, columns predicted)")
    click.echo(" " * 10 + "".join(f"{lab[:9]:>10}" for lab in labels))
    for gold in labels:
        click.echo(f"{gold[:9]:<10}" + "".join(f"{report['confusion'][gold][p]:>10}" for p in labels))
    if "per_capability" in report:
        _print_capabilities(report["per_capability"])


def _print_capabilities(caps: dict[str, Any]) -> None:
    """Worst capability first; then each one's misses by id (else line number)."""
    order = sorted(caps, key=lambda name: (caps[name]["accuracy"], name))
    width = max(10, *(len(name) for name in order))
    click.echo(f"\n{'capability':<{width}} {'acc':>7} {'correct':>8} {'n':>6}")
    for name in order:
        c = caps[name]
        click.echo(f"{name:<{width}} {c['accuracy']:>7.4f} {c['correct']:>8} {c['n']:>6}")
    missed = [name for name in order if caps[name]["misses"]]
    if missed:
        click.echo("\nmisses (id or line: expected -> predicted)")
    for name in missed:
        items = ", ".join(f"{m['id'] if m['id'] is not None else 'line ' + str(m['line'])}: "
                          f"{m['expected']} -> {m['predicted']}" for m in caps[name]["misses"])
        click.echo(f"  {name}: {items}")


@evaluate.command("verdict")
@click.option("--format", "fmt", type=click.Choice(["baly"]), required=True)
@click.option("--data", "data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              required=True, help="A folder of Baly claim JSON files.")
@click.option("--model", "model_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="A stance model folder (default: the packaged model).")
@click.option("-k", "k", type=click.IntRange(min=1, max=1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def eval_verdict_command(fmt: str, data: Path, model_dir: Path | None, k: int, as_json: bool) -> None:
    """Check every claim in DATA against one corpus of all its articles; score verdicts and retrieval."""
    from ..evaluation.verdict import evaluate_verdicts
    from ..stance import load_model

    model = load_model(model_dir) if model_dir else None
    with progress_bar(not as_json, "verdict") as progress:
        report = evaluate_verdicts(data, model=model, k=k, progress=progress)
    if as_json:
        emit_json(report)
        return
    retrieval = report["retrieval"]
    click.echo(f"claims: {report['n']}  accuracy: {report['accuracy']:.4f}  "
               f"macro-F1: {report['macro_f1']:.4f}")
    click.echo(f"retrieval: recall@{k} {retrieval[f'recall_at_{k}']:.4f}  MRR {retrieval['mrr']:.4f} "
               f"({retrieval['claims_with_relevant']} claims with related articles)")
    for verdict, by_gold in report["verdicts"].items():
        click.echo(f"  {verdict:<11} gold true {by_gold['true']:>4}  gold false {by_gold['false']:>4}")
