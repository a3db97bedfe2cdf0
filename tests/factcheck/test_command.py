"""`dangjian factcheck`: agree / differ / unmatched on a draft written from the hospital data."""

import json

import docx
from django.core.management import call_command

from .conftest import AGREE, DIFFER, DRAFT, UNMATCHED


def _run(path, *args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("factcheck", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _json(path, *args):
    out, _err = _run(path, "--format", "json", *args)
    return json.loads(out)


def _assert_lists(data):
    assert [i["text"] for i in data["agree"]] == AGREE
    assert [(i["text"], i["key"], i["ledger"]) for i in data["differ"]] == DIFFER
    assert [i["text"] for i in data["unmatched"]] == UNMATCHED


def test_three_lists_json(ledger2025, draft_txt):
    data = _json(draft_txt, "--year", "2025", "--org", "HOSP")
    assert (data["year"], data["org"]) == (2025, "HOSP")
    _assert_lists(data)
    keys = {i["text"]: i["key"] for i in data["agree"]}
    assert keys == {
        "2个": "org.branches",
        "4名": "members.total",
        "3次": "meetings.主题党日",
        "1名": "development.new_probationary",
        "2次": "services.义诊",
        "60余人次": "services.people_served",
    }
    served = next(i for i in data["agree"] if i["key"] == "services.people_served")
    assert (served["value"], served["qualifier"], served["ledger"]) == (60, "余", 63)
    differ = data["differ"][0]
    assert differ["sentence"] == "全年开展主题党日活动3次，讲党课5次"
    assert differ["label"] == "党课次数" and differ["value"] == 5 and differ["unit"] == "次"
    assert DRAFT[differ["start"] :].startswith("5次")  # offsets point into the draft
    assert data["unmatched"][0]["key"] is None and data["unmatched"][0]["reason"]


def test_default_org_is_the_root_and_table_is_chinese(ledger2025, draft_txt):
    out, _ = _run(draft_txt, "--year", "2025")
    assert "县人民医院党委（HOSP）2025年" in out
    assert "一致（6）" in out and "不一致（1）" in out and "未能对应（1）" in out
    assert "meetings.党课" in out and "2次" in out


def test_branch_scope_changes_the_ledger(ledger2025, draft_txt):
    # Over branch A alone: 1 党支部, 2 党员 (alice, bob), 主题党日 2 (A, A1)…
    data = _json(draft_txt, "--year", "2025", "--org", "A")
    differ = {i["key"]: (i["value"], i["ledger"]) for i in data["differ"]}
    assert differ["org.branches"] == (2, 1)
    assert differ["members.total"] == (4, 2)
    assert differ["meetings.主题党日"] == (3, 2)


def test_gbk_text_draft(ledger2025, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(DRAFT.encode("gbk"))
    _assert_lists(_json(path, "--year", "2025", "--org", "HOSP"))


def test_docx_draft(ledger2025, tmp_path):
    document = docx.Document()
    for line in DRAFT.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "draft.docx"
    document.save(str(path))
    _assert_lists(_json(path, "--year", "2025", "--org", "HOSP"))


def test_unknown_org_and_missing_file_are_clear_errors(ledger2025, draft_txt, tmp_path):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到党组织编码"):
        _run(draft_txt, "--year", "2025", "--org", "NOPE")
    with pytest.raises(CommandError, match="找不到文件"):
        _run(tmp_path / "missing.txt", "--year", "2025")
