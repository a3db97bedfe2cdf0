"""The JSON shape of IngestResult."""

import json

from dangjian.ingest import ingest_text


def test_json_shape_and_chinese_unescaped():
    result = ingest_text("（责编：张三）全年开展主题党日活动12次。", source="report.txt")
    payload = result.to_json()
    assert "主题党日" in payload  # ensure_ascii=False
    data = json.loads(payload)
    assert {"source", "script", "cleaned_text", "removed", "warnings", "figures"} <= set(data)
    assert data["source"] == "report.txt"
    assert data["script"] == "hans"
    assert data["removed"] == [{"kind": "credit", "text": "（责编：张三）", "start": 0}]
    [figure] = data["figures"]
    assert set(figure) == {
        "value",
        "unit",
        "qualifier",
        "text",
        "label",
        "clause",
        "sentence",
        "start",
        "end",
        "high",
    }
    assert figure["value"] == 12 and figure["unit"] == "次" and figure["qualifier"] is None
    assert data["cleaned_text"][figure["start"] : figure["end"]] == "12次"


def test_package_imports_no_django():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; import dangjian.ingest, dangjian.ingest.pipeline; "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
