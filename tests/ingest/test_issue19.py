"""Issue 19, defects 1–5: figures real reports write that the extractor used to miss or invent.

Each test names the defect it pins down; each failed before the fix.
"""

import pytest

from dangjian.ingest import ingest_file, ingest_text


def _figures(text):
    return [(f.value, f.unit, f.qualifier) for f in ingest_text(text).figures]


# --- 1. a space between number and unit ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全省共有二级以上医院214 家。", (214, "家", None)),
        ("制定整改措施19 条。", (19, "条", None)),
        ("服务群众32.92 万人。", (329200, "人", None)),
        ("全院 55 名党员参加学习。", (55, "名", None)),
        ("开展义诊 12 次。", (12, "次", None)),
        ("满意度达98.5 %。", (98.5, "%", None)),
        ("开展义诊\u00a012\u00a0次。", (12, "次", None)),  # no-break spaces
        ("开展义诊12\u2009次。", (12, "次", None)),  # thin space
        ("开展义诊１２\u3000次。", (12, "次", None)),  # full-width digits and space
        ("服务群众约 600 人。", (600, "人", "约")),
    ],
)
def test_defect1_space_before_unit(text, expected):
    assert _figures(text) == [expected]


def test_defect1_a_report_written_with_spaces_is_read_whole():
    text = "全市 214 家医疗机构中，党组织 19 个，党员 1,205 名，全年开展活动 36 次。"
    assert [f.value for f in ingest_text(text).figures] == [214, 19, 1205, 36]


def test_defect1_no_number_is_skipped_silently():
    result = ingest_text("全年开展活动36次，另有 7 项工作见附件 3。")
    assert [f.text for f in result.figures] == ["36次", "7 项"]
    assert [(w.text, w.sentence) for w in result.unread] == [
        ("3", "全年开展活动36次，另有 7 项工作见附件 3")
    ]


# --- 2. units it did not know ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("党员平均年龄43.2岁。", (43.2, "岁", None)),
        ("服务区域151平方公里。", (151, "平方公里", None)),
        ("为20对新人提供婚检。", (20, "对", None)),
        ("无偿献血800余袋。", (800, "袋", "余")),
        ("义诊持续2个多小时。", (2, "小时", "多")),
        ("宣讲持续3个小时。", (3, "小时", None)),
        ("讲授党课88节。", (88, "节", None)),
        ("研究三重一大事项28场次。", (28, "场次", None)),
        ("捐赠书籍1200册。", (1200, "册", None)),
        ("筹集善款12.5万元。", (125000, "元", None)),
    ],
)
def test_defect2_units(text, expected):
    assert _figures(text) == [expected]


# --- 3. fractions and shares ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("青年党员占党员人数的1/3。", 0.3333, None),
        ("三分之一的党员来自临床一线。", 0.3333, None),
        ("半数以上支部建立了品牌。", 0.5, "以上"),
        ("超过半数的党员参加志愿服务。", 0.5, "超过"),
    ],
)
def test_defect3_shares(text, value, qualifier):
    assert _figures(text) == [(value, "占比", qualifier)]


def test_defect3_dates_with_slashes_are_not_shares():
    assert _figures("于2023/12/28召开会议。") == []


def test_ranges_keep_both_ends():
    figures = ingest_text("每组3-5人，分3至5批，三至五名专家。").figures
    assert [(f.value, f.high, f.unit) for f in figures] == [
        (3, 5, "人"),
        (3, 5, "批"),
        (3, 5, "名"),
    ]


# --- 4. qualifiers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("参加人数50人左右。", "左右"),
        ("每月学习不少于1次。", "不少于"),
        ("服务群众超过3000人。", "超过"),
        ("慰问老党员近百名。", "近"),
        ("发放资料100份以上。", "以上"),
        ("共计700余份。", "余"),
    ],
)
def test_defect4_qualifiers(text, qualifier):
    [(_, _, found)] = _figures(text)
    assert found == qualifier


# --- 5. web pages ---------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>2020党建工作总结_医院党建工作总结范文大全5篇</title></head>
<body>
<div class="top">设为首页 | 加入收藏 | 网站地图</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/a">新闻中心</a></li>
<li><a href="/b">党建工作</a></li><li><a href="/c">院务公开</a></li></ul>
<div class="crumb">您的位置：首页 &gt; 党建工作 &gt; 正文</div>
<div class="article">
<h1>县人民医院党委2023年党建工作总结</h1>
<div class="info">发布时间：2023-12-28 10:02:23　来源：党委办公室　浏览次数：1358次</div>
<p>2023年，院党委下设党支部10个，共有党员312名。全年开展主题党日活动12次，发展党员9名。</p>
<p>党员参会率达98.5%，组织义诊活动24场，服务群众3000余人次。</p>
<table><tr><td>党支部数</td><td>10个</td></tr><tr><td>党员人数</td><td>312名</td></tr></table>
<p>（责任编辑：李四）</p>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="prenext"><p>上一篇：我院召开2023年第3次党委会</p><p>下一篇：我院开展义诊活动20次</p></div>
</div>
<div class="related"><h3>相关文章</h3><ul><li><a>我院5名党员获表彰</a></li>
<li><a>医院举办培训班3期</a></li></ul></div>
<div class="footer">Copyright © 2023 县人民医院 版权所有 浙ICP备12345678号-1 浙公网安备 33010202000123号
技术支持：某某科技 您是第 123456 位访客</div>
</body></html>
"""
BODY_FIGURES = [
    (10, "个"),
    (312, "名"),
    (12, "次"),
    (9, "名"),
    (98.5, "%"),
    (24, "场"),
    (3000, "人次"),
    (10, "个"),
    (312, "名"),
]


def test_defect5_page_furniture_yields_no_figures(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = ingest_file(path)
    assert [(f.value, f.unit) for f in result.figures] == BODY_FIGURES
    for chrome in ("浏览次数", "上一篇", "相关文章", "ICP", "访客", "范文大全", "分享到"):
        assert chrome not in result.cleaned_text
    assert result.unread == []


def test_defect5_text_copied_from_a_page_gets_the_same_clean_up():
    from dangjian.ingest.decode import html_to_text

    result = ingest_text(html_to_text(PAGE))  # every line of the page, furniture included
    assert [(f.value, f.unit) for f in result.figures] == BODY_FIGURES
    kinds = {r.kind for r in result.removed}
    assert {"template", "nav", "meta", "share", "related", "footer"} <= kinds
    assert "范文大全" not in result.cleaned_text


def test_defect5_report_lines_that_mention_sources_or_sharing_stay():
    text = (
        "院党委坚持把学习来源于实践的经验分享到各支部，全年开展经验交流会6次。\n"
        "分享到各支部的典型案例共12个，均来源于临床一线。\n"
    )
    assert [f.value for f in ingest_text(text).figures] == [6, 12]


@pytest.mark.parametrize(
    "title",
    [
        "2020党建工作总结_医院党建工作总结范文大全5篇",
        "卫生局党支部情况总结2篇",
        "党支部工作年度总结三篇",
    ],
)
def test_defect5_template_site_titles_are_not_content(title):
    result = ingest_text(f"{title}\n全年发表论文12篇，开展活动3次。\n")
    assert [f.text for f in result.figures] == ["12篇", "3次"]
    assert [r.kind for r in result.removed] == ["template"]


@pytest.mark.parametrize(
    "line",
    [
        "组织党员开展红色经典阅读",
        "相关内容纳入年度考核，全年考核3次",
        "通讯员队伍不断壮大，全年培训通讯员20名",
        "作者群体以青年党员为主，投稿15篇",
        "推荐阅读书目8本，党员人均阅读12本",
        "时间紧任务重，全年完成整改12项",
    ],
)
def test_defect5_furniture_patterns_leave_report_lines_alone(line):
    result = ingest_text(f"医院党委2023年工作总结\n{line}\n")
    assert line in result.cleaned_text
    assert result.removed == []


@pytest.mark.parametrize("content", ["", "   ", "<html><body></body></html>"])
def test_defect5_empty_pages_read_as_empty(tmp_path, content):
    path = tmp_path / "page.html"
    path.write_text(content, encoding="utf-8")
    result = ingest_file(path)
    assert result.cleaned_text == "" and result.figures == []


def test_lowercase_template_blanks_are_placeholders_not_figures():
    result = ingest_text("上半年新成立党支部xx个，开展“三会一课”xx次，党员占比达xx%。\n")
    assert result.figures == []
    assert [w.text for w in result.warnings if w.kind == "placeholder"] == ["xx个", "xx次", "xx%"]


def test_info_box_bullets_and_hidden_text_notices_are_furniture():
    text = "  • 时间:2023-05-04 08:58:16\n此处隐藏2746个字。VIP会员可见\n全年开展活动3次。\n"
    result = ingest_text(text)
    assert [f.text for f in result.figures] == ["3次"]
    assert [r.kind for r in result.removed] == ["meta", "template"]
