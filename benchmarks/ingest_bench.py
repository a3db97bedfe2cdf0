"""Precision and recall of figure extraction on hand-annotated reports, and speed on 1 MB.

Run from the repository root:  .venv/bin/python benchmarks/ingest_bench.py

Annotations live in benchmarks/data/ingest/*.json (written by hand, never dumped from
the extractor): each expected figure gives value, unit, qualifier and a `context`
snippet of the cleaned text containing it. A predicted figure matches an expected one
when value, unit and qualifier are equal, its text lies inside the context and the
context lies inside its sentence; each expected figure matches at most once.
The sample reports in ../shared/corpus are included when present (000 uses the golden
file of the tests, 001 and 002 the annotations here).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dangjian.ingest import ingest_text  # noqa: E402
from dangjian.ingest.figures import Figure  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "ingest"
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN_000 = ROOT / "tests" / "ingest" / "golden" / "000.json"
TARGET_PRECISION = TARGET_RECALL = 0.95
TARGET_SECONDS = 1.0


@dataclass
class Case:
    name: str
    text: str
    expected: list[dict]


def load_cases() -> list[Case]:
    cases = []
    for annotation in sorted(DATA.glob("*.json")):
        data = json.loads(annotation.read_text(encoding="utf-8"))
        if "corpus" in data:
            source = CORPUS / data["corpus"]
            if not source.exists():
                print(f"（跳过 {annotation.name}：找不到样本 {source}）")
                continue
        else:
            source = annotation.with_suffix(".txt")
        cases.append(Case(source.name, source.read_text(encoding="utf-8"), data["figures"]))
    if GOLDEN_000.exists() and (CORPUS / "000.txt").exists():
        golden = json.loads(GOLDEN_000.read_text(encoding="utf-8"))
        expected = [{**f, "context": f["clause"]} for f in golden["figures"]]
        cases.insert(0, Case("000.txt", (CORPUS / "000.txt").read_text(encoding="utf-8"), expected))
    return cases


def matches(figure: Figure, expected: dict) -> bool:
    return (
        figure.value == expected["value"]
        and figure.unit == expected["unit"]
        and figure.qualifier == expected["qualifier"]
        and figure.text.replace("％", "%") in _fold(expected["context"])
        and _fold(expected["context"]) in _fold(figure.sentence)
    )


def _fold(text: str) -> str:
    return text.replace("％", "%")


def score(case: Case) -> tuple[int, int, int, list[str]]:
    figures = ingest_text(case.text, source=case.name).figures
    unmatched = list(case.expected)
    true_positive = 0
    notes = []
    for figure in figures:
        hit = next((e for e in unmatched if matches(figure, e)), None)
        if hit is None:
            notes.append(f"  多提取：{figure.text}（{figure.clause}）")
            continue
        unmatched.remove(hit)
        true_positive += 1
    notes += [f"  漏提取：{e['context']} → {e['value']}{e['unit']}" for e in unmatched]
    return true_positive, len(figures), len(case.expected), notes


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def accuracy_table(cases: list[Case]) -> tuple[float, float]:
    print(f"{'text':<28}{'expected':>9}{'found':>7}{'correct':>9}{'precision':>11}{'recall':>8}")
    total_tp = total_found = total_expected = 0
    all_notes = []
    for case in cases:
        tp, found, expected, notes = score(case)
        total_tp, total_found, total_expected = (
            total_tp + tp,
            total_found + found,
            total_expected + expected,
        )
        print(
            f"{case.name:<28}{expected:>9}{found:>7}{tp:>9}"
            f"{ratio(tp, found):>11.3f}{ratio(tp, expected):>8.3f}"
        )
        all_notes += [f"{case.name}:", *notes] if notes else []
    precision, recall = ratio(total_tp, total_found), ratio(total_tp, total_expected)
    print(
        f"{'ALL':<28}{total_expected:>9}{total_found:>7}{total_tp:>9}"
        f"{precision:>11.3f}{recall:>8.3f}"
    )
    if all_notes:
        print("\n".join(all_notes))
    return precision, recall


def timing(cases: list[Case]) -> float:
    sample = "\n".join(case.text for case in cases)
    megabyte = 1_000_000
    text = (sample * (megabyte // len(sample.encode("utf-8")) + 1)).encode("utf-8")[:megabyte]
    report = text.decode("utf-8", errors="ignore")
    # OpenCC dictionaries and character tables load once per process, not per megabyte.
    ingest_text("預熱：医院党委开展活动3次")
    runs = []
    for _ in range(3):  # the best of three: the machine may be busy with other work
        started = time.perf_counter()
        result = ingest_text(report, source="1MB")
        runs.append(time.perf_counter() - started)
    seconds = min(runs)
    print(
        f"\n1 MB of report text ({len(report):,} characters, {len(result.figures):,} figures): "
        f"{seconds:.3f} s (runs: {', '.join(f'{r:.3f}' for r in runs)})"
    )
    return seconds


def main() -> int:
    cases = load_cases()
    precision, recall = accuracy_table(cases)
    seconds = timing(cases)
    ok = precision >= TARGET_PRECISION and recall >= TARGET_RECALL and seconds < TARGET_SECONDS
    print(
        f"precision {precision:.3f} (≥ {TARGET_PRECISION}), recall {recall:.3f} "
        f"(≥ {TARGET_RECALL}), seconds {seconds:.3f} (< {TARGET_SECONDS}): "
        f"{'OK' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
