"""The benchmark's hand annotations stay consistent with their texts."""

import json
from pathlib import Path

import pytest

from dangjian.ingest.script import to_simplified

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "ingest"
OWN = sorted(p for p in DATA.glob("*.json") if p.with_suffix(".txt").exists())


def test_there_are_at_least_three_annotated_texts_of_our_own():
    assert len(OWN) >= 3


@pytest.mark.parametrize("annotation", OWN, ids=lambda p: p.stem)
def test_every_annotated_context_occurs_in_its_text(annotation):
    data = json.loads(annotation.read_text(encoding="utf-8"))
    text = to_simplified(annotation.with_suffix(".txt").read_text(encoding="utf-8"))
    text = text.replace("(wèi)", "")  # the one pinyin annotation in the traditional sample
    assert data["figures"]
    for figure in data["figures"]:
        assert figure["context"] in text, figure
        assert set(figure) == {"context", "value", "unit", "qualifier"}
