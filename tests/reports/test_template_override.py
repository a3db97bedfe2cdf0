"""A hospital's own templates (DANGJIAN_REPORT_TEMPLATE_DIR/<组织编码>/…) replace the defaults."""

import io
import zipfile

from docx import Document

from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_docx, to_markdown
from dangjian.reports.templates_dir import PACKAGE_TEMPLATES


def test_narrative_override_applies_to_the_org_and_below(year2025, tmp_path, settings):
    settings.DANGJIAN_REPORT_TEMPLATE_DIR = str(tmp_path)
    (tmp_path / "HOSP").mkdir()
    (tmp_path / "HOSP" / "narrative.txt").write_text(
        "= {{ org_name }}{{ year }}年党建工作总结\n# 基本情况\n本院开展主题党日{{ f.meetings.主题党日 }}次。\n",
        encoding="utf-8",
    )
    text = to_markdown(build_report(compute_figures(2025, year2025.h.committee)))
    assert text.startswith("# 县人民医院党委2025年党建工作总结")
    assert "本院开展主题党日2次。" in text
    # Branch A has no folder of its own: it inherits its 党委's template of its voice (党支部).
    (tmp_path / "HOSP" / "narrative_branch.txt").write_text(
        "= {{ org_name }}{{ year }}年工作总结\n# 基本情况\n支部开展主题党日{{ f.meetings.主题党日 }}次。\n",
        encoding="utf-8",
    )
    branch = to_markdown(build_report(compute_figures(2025, year2025.h.branch_a)))
    assert "支部开展主题党日1次。" in branch
    # The compiled template is kept until the file changes: an edit shows at the next report.
    (tmp_path / "HOSP" / "narrative.txt").write_text(
        "= {{ org_name }}{{ year }}年党建工作总结\n# 基本情况\n全年开展主题党日{{ f.meetings.主题党日 }}次，成效明显。\n",
        encoding="utf-8",
    )
    edited = to_markdown(build_report(compute_figures(2025, year2025.h.committee)))
    assert "全年开展主题党日2次，成效明显。" in edited and "本院开展" not in edited


def test_word_override(year2025, tmp_path, settings):
    settings.DANGJIAN_REPORT_TEMPLATE_DIR = str(tmp_path)
    (tmp_path / "A").mkdir()
    document = Document(str(PACKAGE_TEMPLATES / "annual_report.docx"))
    document.add_paragraph("本支部共有党员{{ values['members.total'] }}名。")
    document.save(str(tmp_path / "A" / "annual_report.docx"))
    data = to_docx(build_report(compute_figures(2025, year2025.h.branch_a)))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "本支部共有党员3名。" in xml
    # The hospital's other units still use the default.
    other = to_docx(build_report(compute_figures(2025, year2025.h.branch_b)))
    assert (
        "本支部共有党员"
        not in zipfile.ZipFile(io.BytesIO(other)).read("word/document.xml").decode()
    )
