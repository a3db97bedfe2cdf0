"""The Word report's front matter: 红头 and 主送机关 per organisation, overridable on the command
line; and the clerk's notes on the report page (never in the text)."""

import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dangjian.reports.figures import compute_figures
from dangjian.reports.frontmatter import FrontMatterError, front_matter_for
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_docx


def _document_text(data: bytes) -> str:
    import re

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return re.sub(r"<[^>]+>", "", xml).strip()


def _settings_file(root, code, **values):
    (root / code).mkdir(parents=True, exist_ok=True)
    (root / code / "front_matter.json").write_text(json.dumps(values), encoding="utf-8")


def test_no_red_header_by_default(year2025, tmp_path, settings):
    settings.DANGJIAN_REPORT_TEMPLATE_DIR = str(tmp_path)
    text = _document_text(to_docx(build_report(compute_figures(2025, year2025.h.committee))))
    assert "文件" not in text.split("关于")[0] and "签发人" not in text


def test_red_header_and_recipient_from_the_organisations_file(year2025, tmp_path, settings):
    settings.DANGJIAN_REPORT_TEMPLATE_DIR = str(tmp_path)
    _settings_file(
        tmp_path,
        "HOSP",
        red_header="中共县人民医院委员会文件",
        doc_number="县医党发〔2026〕3号",
        signer="周书记",
        recipient="中共县卫生健康局委员会",
    )
    data = to_docx(build_report(compute_figures(2025, year2025.h.committee)))
    text = _document_text(data)
    assert text.startswith("中共县人民医院委员会文件县医党发〔2026〕3号签发人：周书记")
    assert "报告中共县卫生健康局委员会：2025年" in text
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:color="E60012"' in xml  # the red rule (and the red 发文机关标志)
    # Only the organisation's own folder: its branch has no 红头.
    branch = _document_text(to_docx(build_report(compute_figures(2025, year2025.h.branch_a))))
    assert "中共县人民医院委员会文件" not in branch


def test_the_command_line_overrides_and_sets_the_date(year2025, tmp_path, settings):
    settings.DANGJIAN_REPORT_TEMPLATE_DIR = str(tmp_path)
    _settings_file(tmp_path, "HOSP", red_header="中共县人民医院委员会文件", recipient="甲")
    out = tmp_path / "r.docx"
    call_command(
        "report",
        "annual",
        "--year",
        "2025",
        "--org",
        "HOSP",
        "--format",
        "docx",
        "-o",
        str(out),
        "--recipient",
        "中共县卫生健康局委员会",
        "--doc-number",
        "县医党发〔2026〕5号",
        "--date",
        "2026-01-20",
        stderr=StringIO(),
    )
    text = _document_text(out.read_bytes())
    assert "中共县人民医院委员会文件县医党发〔2026〕5号" in text
    assert "中共县卫生健康局委员会：" in text and "甲：" not in text
    assert "2026年1月20日" in text


def test_a_broken_settings_file_is_named(year2025, tmp_path, settings):
    settings.DANGJIAN_REPORT_TEMPLATE_DIR = str(tmp_path)
    _settings_file(tmp_path, "HOSP", red_header="甲", colour="红")
    with pytest.raises(FrontMatterError, match="colour"):
        front_matter_for(year2025.h.committee)
    with pytest.raises(CommandError, match=r"front_matter\.json"):
        call_command("report", "annual", "--year", "2025", "--org", "HOSP", stdout=StringIO())
    # The report page still renders, and tells the clerk.
    report = build_report(compute_figures(2025, year2025.h.committee))
    assert "front_matter.json" in report.notes[0]


def test_the_page_shows_the_clerk_notes(hospital, client):
    """No 组织生活 in 2025: a note on the page, nothing in the report's text."""
    client.force_login(hospital.carol)
    response = client.get("/reports/annual/", {"year": 2025})
    page = response.content.decode()
    assert "给撰稿人的提示" in page
    assert "组织生活：2025年没有记录" in page
    paper = page.split('class="report-paper"')[1]
    assert "没有记录" not in paper
