"""Per-organisation rule overrides: inheritance, the effect on requirements, the settings page, audit."""

import datetime as dt

import pytest
from django.urls import reverse

from dangjian import rules
from dangjian.compliance.models import RuleOverride
from dangjian.compliance.overrides import parse_value, rule_config_for, rule_configs_for
from dangjian.compliance.services import compliance_grid
from dangjian.core.models import AccessEvent
from dangjian.orglife.models import EventType
from dangjian.rules import Frequency, MeetingType
from tests.factories import OrgLifeEventFactory

pytestmark = pytest.mark.django_db
URL = reverse("compliance:rules")


def test_inherits_along_the_path_deeper_wins(hospital):
    h = hospital
    RuleOverride.objects.create(
        organization=h.committee, key="meeting_frequencies.党小组会", value="quarter"
    )
    RuleOverride.objects.create(
        organization=h.committee, key="study_group_sessions_per_year", value=8
    )
    RuleOverride.objects.create(
        organization=h.branch_a, key="meeting_frequencies.党小组会", value="month"
    )
    configs = rule_configs_for([h.committee, h.branch_a, h.branch_b, h.group_a])
    assert (
        configs[h.branch_b.pk].meeting_frequencies[MeetingType.GROUP_MEETING] is Frequency.QUARTER
    )
    assert configs[h.branch_a.pk].meeting_frequencies[MeetingType.GROUP_MEETING] is Frequency.MONTH
    assert configs[h.group_a.pk].meeting_frequencies[MeetingType.GROUP_MEETING] is Frequency.MONTH
    assert configs[h.branch_b.pk].study_group_sessions_per_year == 8
    # Untouched values keep the defaults.
    assert (
        configs[h.branch_b.pk].meeting_frequencies[MeetingType.THEMED_PARTY_DAY] is Frequency.MONTH
    )
    assert rule_config_for(h.branch_b) == configs[h.branch_b.pk]
    assert rule_config_for(None) is rules.DEFAULT_RULES


def test_bad_values_are_refused_in_chinese():
    with pytest.raises(ValueError, match="党小组会频次"):
        parse_value("meeting_frequencies.党小组会", "weekly")
    with pytest.raises(ValueError, match="选举大会到会比例"):
        parse_value("election_quorum_more_than", "5/4")
    with pytest.raises(ValueError, match="应为整数"):
        parse_value("study_group_sessions_per_year", "十二")
    assert parse_value("meeting_frequencies.党课", "none") is None
    assert parse_value("election_reminder_months", "6，3,1") == [6, 3, 1]


def test_override_changes_requirement_and_is_audited(client, hospital):
    h = hospital
    OrgLifeEventFactory(
        organization=h.group_a, event_type=EventType.GROUP_MEETING, date=dt.date(2025, 2, 10)
    )

    def group_row():
        grid = compliance_grid([h.branch_a], 2025, as_of=dt.date(2026, 1, 15))[0]
        return next(r for r in grid.rows if r.kind is MeetingType.GROUP_MEETING)

    before = group_row()
    assert (before.required, before.missing) == (12, 11)

    client.force_login(h.carol)
    response = client.post(
        f"{URL}?org=HOSP",
        {
            "key": "meeting_frequencies.党小组会",
            "value": "quarter",
            "note": "院党委文件",
            "action": "set",
        },
    )
    assert response.status_code == 302
    after = group_row()
    assert (after.requirement.per, after.required, after.missing) == (Frequency.QUARTER, 4, 3)

    override = RuleOverride.objects.get(
        organization=h.committee, key="meeting_frequencies.党小组会"
    )
    history = list(override.history.all())
    assert [(r.history_type, r.value, r.history_user) for r in history] == [
        ("+", "quarter", h.carol)
    ]
    event = AccessEvent.objects.filter(kind="rule_override").get()
    assert event.username == "carol" and "党小组会频次" in event.detail
    assert (
        event.get_kind_display() == "规则参数修改"
    )  # a named kind of the audit log, not a bare code

    # Changing it again and clearing it are both in the history.
    client.post(
        f"{URL}?org=HOSP", {"key": "meeting_frequencies.党小组会", "value": "year", "action": "set"}
    )
    client.post(f"{URL}?org=HOSP", {"key": "meeting_frequencies.党小组会", "action": "clear"})
    assert not RuleOverride.objects.exists()
    types = list(RuleOverride.history.order_by("history_date").values_list("history_type", "value"))
    assert types == [("+", "quarter"), ("~", "year"), ("-", "year")]
    assert AccessEvent.objects.filter(kind="rule_override").count() == 3
    assert group_row().required == 12

    page = client.get(f"{URL}?org=HOSP").content.decode()
    assert "修改记录" in page and "meeting_frequencies.党小组会" in page


def test_bad_value_saves_nothing(client, hospital):
    client.force_login(hospital.carol)
    response = client.post(
        f"{URL}?org=A", {"key": "term_years_branch", "value": "-1", "action": "set"}, follow=True
    )
    assert "党支部届期" in response.content.decode()
    assert not RuleOverride.objects.exists()
    assert not AccessEvent.objects.filter(kind="rule_override").exists()


def test_who_may_see_and_change(client, hospital):
    h = hospital
    client.force_login(h.alice)
    page = client.get(f"{URL}?org=A")
    assert page.status_code == 200 and "只有党委管理员可以修改" in page.content.decode()
    assert client.get(f"{URL}?org=B").status_code == 404
    denied = client.post(
        f"{URL}?org=A", {"key": "term_years_branch", "value": "5", "action": "set"}
    )
    assert denied.status_code == 403
    assert not RuleOverride.objects.exists()
    client.force_login(h.bob)
    assert client.get(URL).status_code == 403
    client.force_login(h.carol)
    page = client.get(f"{URL}?org=A").content.decode()
    assert 'name="key" value="term_years_branch"' in page and "地方做法/待核实" in page
