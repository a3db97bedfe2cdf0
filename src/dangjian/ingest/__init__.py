"""Reading legacy reports: decode files, strip web debris, extract the figures they report.

Pure Python (no Django import here, so the parsers run anywhere)::

    from dangjian.ingest import ingest_file, ingest_text
    result = ingest_file("2023年党建工作总结.docx")
    print(result.to_json())
"""

from .figures import Figure
from .pipeline import IngestResult, IngestWarning, Removal, ingest_file, ingest_text

__all__ = ["Figure", "IngestResult", "IngestWarning", "Removal", "ingest_file", "ingest_text"]
