"""Web debris the writer did not write: adverts, paywall markers, disclaimers, credits."""

from dangjian.ingest import ingest_text

BODY = "医院党委全年开展主题党日活动12次。\n"


def test_each_removal_reports_kind_text_and_original_offset():
    text = (
        BODY
        + "##paidbegin##发展党员9名。##paidend##\n"
        + "免责声明：本文来源于网络，仅供学习参考，如有侵权请联系删除。\n"
        + "（责任编辑：王五）\n"
        + "编辑：张三 审核：李四\n"
        + "预览已结束，剩余内容请点击下载全文\n"
        + "扫码添加微信👉 联系老师代笔\n"
    )
    result = ingest_text(text)
    kinds = [r.kind for r in result.removed]
    assert kinds == ["paywall_marker", "paywall_marker", "disclaimer", "credit", "credit", "advert"]
    for removal in result.removed:
        assert text[removal.start : removal.start + len(removal.text)] == removal.text
    assert result.cleaned_text == BODY + "发展党员9名。\n"


def test_a_disclaimer_heading_takes_its_paragraph_along():
    text = BODY + "免责声明\n本网站所载文章仅代表作者观点，不代表本网立场。\n"
    result = ingest_text(text)
    assert result.cleaned_text == BODY
    assert [r.kind for r in result.removed] == ["disclaimer"]


def test_report_sentences_that_mention_editing_or_copyright_are_kept():
    text = (
        "编辑出版党建简报12期。\n"
        "加强知识产权保护，落实版权管理责任。\n"
        "编辑：负责党建简报的编辑出版、信息报送和宣传工作，全年完成各类稿件编辑一百余篇。\n"
    )
    result = ingest_text(text)
    assert result.removed == []
    assert result.cleaned_text == text


def test_inline_credit_after_a_paragraph():
    text = "全年发展党员9名。（编辑：赵六）"
    result = ingest_text(text)
    assert result.cleaned_text == "全年发展党员9名。"
    assert [(r.kind, r.start) for r in result.removed] == [("credit", 9)]
