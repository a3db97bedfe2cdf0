"""RuleConfig: defaults from DOMAIN.md and validated overrides."""

from decimal import Decimal
from fractions import Fraction

import pytest

from dangjian.rules.config import DEFAULT_RULES, RuleConfig
from dangjian.rules.vocabulary import Frequency, MeetingType, OrgType


def test_defaults_match_domain() -> None:
    d = DEFAULT_RULES
    assert (d.term_years_committee, d.term_years_general_branch, d.term_years_branch) == (5, 3, 3)
    assert d.publicity_working_days == 5
    assert (d.approval_months, d.approval_max_months) == (3, 6)
    assert d.election_reminder_months == (6, 3)
    assert (d.study_group_sessions_per_year, d.study_group_seminars_per_year) == (12, 4)
    assert (d.dues_warning_month, d.dues_lapse_month) == (3, 6)
    assert (d.applicant_min_age, d.league_recommendation_age) == (18, 28)
    assert d.election_quorum_more_than == Fraction(4, 5)
    assert d.cadre_quorum_at_least == Fraction(2, 3)
    assert d.meeting_frequencies[MeetingType.THEMED_PARTY_DAY] is Frequency.MONTH
    assert d.meeting_frequencies[MeetingType.BRANCH_GENERAL_MEETING] is Frequency.QUARTER


def test_term_years_by_org_type() -> None:
    assert DEFAULT_RULES.term_years_for(OrgType.COMMITTEE) == 5
    assert DEFAULT_RULES.term_years_for("党总支") == 3
    assert DEFAULT_RULES.term_years_for("党支部") == 3
    with pytest.raises(ValueError, match="党小组"):
        DEFAULT_RULES.term_years_for("党小组")


def test_overrides_replace_values_and_leave_the_original() -> None:
    config = DEFAULT_RULES.with_overrides(
        {
            "publicity_working_days": 7,
            "election_quorum_more_than": "2/3",
            "dues_fixed_amount": "0.5",
            "election_reminder_months": [3, 6, 1],
        }
    )
    assert config.publicity_working_days == 7
    assert config.election_quorum_more_than == Fraction(2, 3)
    assert config.dues_fixed_amount == Decimal("0.5")
    assert config.election_reminder_months == (6, 3, 1)
    assert DEFAULT_RULES.publicity_working_days == 5


def test_unknown_key_is_named_in_chinese() -> None:
    with pytest.raises(ValueError, match="未知的规则参数：publicity_days"):
        DEFAULT_RULES.with_overrides({"publicity_days": 7})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("publicity_working_days", "7"),
        ("publicity_working_days", 7.0),
        ("publicity_working_days", True),
        ("election_quorum_more_than", 0.8),
        ("election_quorum_more_than", "four fifths"),
        ("dues_fixed_amount", 0.2),
        ("dues_fixed_amount", "abc"),
        ("dues_fixed_amount", "NaN"),
        ("election_reminder_months", 6),
        ("dues_bands_retired", [(5000, "0.005")]),  # last band must be unbounded
        ("dues_bands_retired", [(None, "0.01"), (5000, "0.005")]),
        ("meeting_frequencies", {"茶话会": "month"}),
        ("meeting_frequencies", {"党课": "weekly"}),
        ("meeting_frequencies", ["党课"]),
    ],
)
def test_bad_types_raise_value_error(key: str, value: object) -> None:
    with pytest.raises(ValueError, match=r"规则参数|会议类型"):
        DEFAULT_RULES.with_overrides({key: value})


@pytest.mark.parametrize(
    "overrides",
    [
        {"approval_months": 7},  # beyond approval_max_months
        {"extension_min_months": 13},
        {"term_years_branch": -1},
        {"election_quorum_more_than": "3/2"},
        {"dues_warning_month": 7},
        {"election_reminder_months": [0]},
    ],
)
def test_inconsistent_values_are_rejected(overrides: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="规则参数"):
        DEFAULT_RULES.with_overrides(overrides)


def test_meeting_frequencies_merge_and_remove() -> None:
    config = DEFAULT_RULES.with_overrides(
        {"meeting_frequencies": {"党课": "month", "主题党日": None}}
    )
    assert config.meeting_frequencies[MeetingType.PARTY_LECTURE] is Frequency.MONTH
    assert MeetingType.THEMED_PARTY_DAY not in config.meeting_frequencies
    assert config.meeting_frequencies[MeetingType.GROUP_MEETING] is Frequency.MONTH
    assert DEFAULT_RULES.meeting_frequencies[MeetingType.PARTY_LECTURE] is Frequency.QUARTER


def test_dues_bands_override() -> None:
    config = DEFAULT_RULES.with_overrides({"dues_bands_retired": [(4000, "0.005"), (None, "0.01")]})
    assert config.dues_bands_retired == ((Decimal(4000), Decimal("0.005")), (None, Decimal("0.01")))


def test_config_is_frozen_and_hashable() -> None:
    with pytest.raises(AttributeError):
        DEFAULT_RULES.term_years_branch = 4  # type: ignore[misc]
    assert hash(DEFAULT_RULES) == hash(RuleConfig())
