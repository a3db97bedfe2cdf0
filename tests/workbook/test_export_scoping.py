"""Export is scoped: --org limits to a subtree, --user to what the user may see, masked unless admin."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from tests.factories import OrgLifeEventFactory


def rows(path, sheet):
    return list(load_workbook(path, read_only=True)[sheet].iter_rows(min_row=2, values_only=True))


def export(path, *args):
    out = StringIO()
    call_command("export", str(path), *args, stdout=out)
    return out.getvalue()


def names(path):
    return {row[1] for row in rows(path, "党员")}


def test_admin_export_has_everything_in_full(hospital, tmp_path):
    path = tmp_path / "all.xlsx"
    export(path)
    assert names(path) == {"爱丽丝", "鲍勃", "戴夫", "艾琳"}
    assert hospital.erin_member.id_number in {row[6] for row in rows(path, "党员")}
    assert [row[0] for row in rows(path, "党组织")] == ["HOSP", "A", "A1", "B"]


def test_org_export_is_the_subtree(hospital, tmp_path):
    OrgLifeEventFactory(code="EA", organization=hospital.group_a)
    OrgLifeEventFactory(code="EB", organization=hospital.branch_b)
    path = tmp_path / "a.xlsx"
    export(path, "--org", "A")
    assert names(path) == {"爱丽丝", "鲍勃"}
    assert [row[0] for row in rows(path, "党组织")] == ["A", "A1"]
    assert [row[0] for row in rows(path, "组织生活")] == ["EA"]


def test_branch_secretary_sees_her_branch_only_and_masked(hospital, tmp_path):
    path = tmp_path / "alice.xlsx"
    out = export(path, "--user", "alice")
    assert names(path) == {"爱丽丝", "鲍勃"}  # not Dave's or Erin's branch B
    ids = {row[6] for row in rows(path, "党员")}
    assert hospital.bob_member.id_number not in ids
    assert hospital.bob_member.id_number_masked in ids
    assert "脱敏" in out


def test_party_admin_user_export_is_not_masked(hospital, tmp_path):
    path = tmp_path / "carol.xlsx"
    export(path, "--user", "carol")
    assert hospital.erin_member.id_number in {row[6] for row in rows(path, "党员")}


def test_phone_is_masked_for_a_secretary(hospital, tmp_path):
    hospital.bob_member.phone = "13812345678"
    hospital.bob_member.save()
    path = tmp_path / "alice.xlsx"
    export(path, "--user", "alice")
    assert "138****5678" in {row[13] for row in rows(path, "党员")}


def test_unknown_org_or_user_is_an_error(hospital, tmp_path):
    with pytest.raises(CommandError, match="组织编码“NOPE”不存在"):
        export(tmp_path / "x.xlsx", "--org", "NOPE")
    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        export(tmp_path / "x.xlsx", "--user", "nobody")
