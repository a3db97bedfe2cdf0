"""Which main-content extractor to read web pages with: trafilatura, readability-lxml or jusText.

Run from the repository root:

    .venv/bin/pip install readability-lxml==0.9   # only for this comparison; jusText comes
                                                  # with trafilatura
    .venv/bin/python benchmarks/html_extractors.py [--raw] [PAGES_DIR]

What is measured is what matters here: the figures the ingest pipeline reads from each
extractor's text, against the figures of the article alone. A page is scored by precision
(figures from navigation, sidebars, footers and related-article lists count against it) and
recall (figures of the article an extractor dropped). Every extractor's output then goes
through the same Chinese line clean-up (data/chrome.txt), as in production; "whole page" is
the page's text without any extractor, for reference.

Pages:
- the benchmark's reports, each inside a hospital-site page template with the usual
  furniture (benchmarks/ingest_bench.py PAGE);
- real pages in PAGES_DIR when given: NAME.html with NAME.json {"start": …, "end": …}, two
  snippets of the page's text that open and close its article. We measured on two Chinese
  state-media pages from trafilatura's own evaluation set (半月谈 banyuetan.org, 新华网
  xinhuanet.com; not stored here, see docs/ingest.md).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_bench import _html, load_cases  # noqa: E402

from dangjian.ingest import ingest_text  # noqa: E402
from dangjian.ingest.decode import _prepare, html_to_text, main_content  # noqa: E402
from dangjian.ingest.figures import extract_figures  # noqa: E402
from dangjian.ingest.script import to_simplified  # noqa: E402


def _readability(html: str) -> str:
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return html_to_text(summary)


def _justext(html: str) -> str:
    import justext

    # No Chinese stop-word list ships with jusText (and it counts words by spaces): with an
    # empty list and the stop-word thresholds at zero it classifies by link density and
    # length alone, as its documentation advises for unsupported languages.
    paragraphs = justext.justext(
        html.encode("utf-8"), frozenset(), encoding="utf-8", stopwords_low=0, stopwords_high=0
    )
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "trafilatura": lambda html: main_content(html) or "",
    "readability": lambda html: _readability(_prepare(html)),
    "justext": lambda html: _justext(_prepare(html)),
    "whole page": html_to_text,
}


CLEAN_UP = True  # the Chinese line clean-up after the extractor, as in production


def _values(text: str) -> list[tuple[object, str, str | None]]:
    figures = ingest_text(text).figures if CLEAN_UP else extract_figures(to_simplified(text))
    return [(f.value, f.unit, f.qualifier) for f in figures]


def _score(
    found: list[tuple[object, str, str | None]], gold: list[tuple[object, str, str | None]]
) -> tuple[int, int, int]:
    remaining = list(gold)
    tp = 0
    for item in found:
        if item in remaining:
            remaining.remove(item)
            tp += 1
    return tp, len(found), len(gold)


def _lines(text: str) -> set[str]:
    return {"".join(line.split()) for line in text.splitlines() if line.strip()}


def _line_score(output: str, article: str) -> tuple[int, int, int, int]:
    """Characters of output lines that are article lines, of all output, of the article kept."""
    out, gold = _lines(output), _lines(article)
    kept = sum(len(line) for line in out if line in gold)
    return kept, sum(len(line) for line in out), kept, sum(len(line) for line in gold)


Page = tuple[str, str, list[tuple[object, str, str | None]], str]


def pages(directory: Path | None) -> list[Page]:
    out = []
    for case in load_cases():
        out.append((f"template:{case.name}", _html(case.text), _values(case.text), case.text))
    if directory is not None:
        for path in sorted(directory.glob("*.html")):
            markers = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            html = path.read_text(encoding="utf-8", errors="replace")
            whole = html_to_text(html)
            start = whole.index(markers["start"])
            end = whole.index(markers["end"], start) + len(markers["end"])
            article = whole[start:end]
            out.append((path.stem, html, _values(article), article))
    return out


def main() -> int:
    global CLEAN_UP
    args = [a for a in sys.argv[1:] if a != "--raw"]
    CLEAN_UP = "--raw" not in sys.argv  # --raw: the extractor alone, no line clean-up
    directory = Path(args[0]) if args else None
    totals = {name: [0, 0, 0, 0, 0, 0, 0] for name in EXTRACTORS}
    print(
        f"{'page':<34}{'extractor':<13}{'gold':>5}{'found':>6}{'fig P':>7}{'fig R':>7}"
        f"{'text P':>8}{'text R':>8}"
    )
    for name, html, gold, article in pages(directory):
        for extractor, run in EXTRACTORS.items():
            output = run(html)
            tp, found, expected = _score(_values(output), gold)
            kept, out_chars, kept2, gold_chars = _line_score(output, article)
            for i, n in enumerate((tp, found, expected, kept, out_chars, kept2, gold_chars)):
                totals[extractor][i] += n
            print(
                f"{name[:33]:<34}{extractor:<13}{expected:>5}{found:>6}"
                f"{tp / found if found else 1:>7.3f}{tp / expected if expected else 1:>7.3f}"
                f"{kept / out_chars if out_chars else 1:>8.3f}"
                f"{kept2 / gold_chars if gold_chars else 1:>8.3f}"
            )
    print()
    for extractor, (tp, found, expected, kept, out_chars, _, gold_chars) in totals.items():
        print(
            f"{'ALL':<34}{extractor:<13}{expected:>5}{found:>6}"
            f"{tp / found if found else 1:>7.3f}{tp / expected if expected else 1:>7.3f}"
            f"{kept / out_chars if out_chars else 1:>8.3f}{kept / gold_chars if gold_chars else 1:>8.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
