import os
from pathlib import Path

import pytest

CORPUS = Path(
    os.environ.get("DANGJIAN_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus"
)
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def corpus_text():
    """Read a sample report from ../shared/corpus, skipping when the shared folder is absent."""

    def read(name: str) -> Path:
        path = CORPUS / name
        if not path.exists():
            pytest.skip(f"sample corpus not found at {path} (expected ../shared next to the repo)")
        return path

    return read
