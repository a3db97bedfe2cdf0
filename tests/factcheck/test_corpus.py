"""A real legacy report from the shared corpus runs through factcheck without error."""

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

CORPUS = Path(
    os.environ.get("DANGJIAN_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus"
)


def test_corpus_000(hospital):
    path = CORPUS / "000.txt"
    if not path.exists():
        pytest.skip(f"sample corpus not found at {path}")
    out = StringIO()
    call_command("factcheck", str(path), "--year", "2023", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    matched = {i["text"]: i["key"] for i in data["agree"] + data["differ"]}
    print(json.dumps(data, ensure_ascii=False, indent=1))
    # The ledger has nothing for 2023: every matched statement differs from it.
    assert data["agree"] == []
    assert matched["56次"] in ("meetings.三会一课", "meetings.主题党日")
    assert "meetings.第一议题学习" in matched.values()
    assert "development.new_probationary" in matched.values()
    unmatched = {i["text"]: i["reason"] for i in data["unmatched"]}
    assert "98.5％" in unmatched or "98.5%" in unmatched  # 满意度: no ledger figure
    assert all(unmatched.values())
    table = StringIO()
    call_command("factcheck", str(path), "--year", "2023", stdout=table)
    assert "未能对应" in table.getvalue()
