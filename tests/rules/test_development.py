"""发展党员: the 25 steps and the checks on a case's dates, each at its boundary.

Zhang Wei, a resident born 1998-06-15, applies on 2022-03-10; the cases below move one date
at a time across the limit of one rule.
"""

from dataclasses import replace
from datetime import date

import pytest

from dangjian.rules.config import DEFAULT_RULES
from dangjian.rules.development import (
    STAGES,
    STEPS,
    ConversionStatus,
    DevelopmentDates,
    admission_meeting_adopted,
    admission_meeting_valid,
    check_development,
    conversion_status,
    current_step,
    next_step,
    probation_end,
    publicity_end,
    step,
)
from dangjian.rules.violations import Violation, errors_of, has_errors, warnings_of

CLEAN = DevelopmentDates(
    birth_date=date(1998, 6, 15),
    application=date(2022, 3, 10),
    talk=date(2022, 3, 25),
    activist=date(2022, 5, 6),
    candidate=date(2023, 5, 8),
    political_review=date(2023, 6, 1),
    training_start=date(2023, 6, 5),
    training_end=date(2023, 6, 7),
    publicity_start=date(2023, 6, 12),  # Monday: 5 working days end Friday 16 June
    admission=date(2023, 6, 19),
    approval=date(2023, 7, 20),
    conversion=date(2024, 6, 19),
    introducer_count=2,
    introducers_full_members=True,
)


def codes(dates: DevelopmentDates, as_of: date | None = None) -> set[str]:
    return {v.code for v in check_development(dates, DEFAULT_RULES, as_of)}


def only(dates: DevelopmentDates, code: str, as_of: date | None = None) -> Violation:
    found = [v for v in check_development(dates, DEFAULT_RULES, as_of) if v.code == code]
    assert len(found) == 1, found
    return found[0]


def test_steps_are_the_25_of_the_2014_rules() -> None:
    assert len(STAGES) == 5
    assert len(STEPS) == 25
    assert [s.number for s in STEPS] == list(range(1, 26))
    assert [sum(1 for s in STEPS if s.stage == n) for n in range(1, 6)] == [2, 4, 5, 7, 7]
    assert step(1).name == "递交入党申请书"
    assert step(15).name == "支部大会讨论"
    assert step(17).name == "上级党委审批"
    assert step(25).name == "材料归档"
    with pytest.raises(ValueError):
        step(26)


def test_a_clean_case_has_no_violations() -> None:
    assert check_development(CLEAN, as_of=date(2025, 1, 1)) == []


def test_violations_cite_the_document_and_step_in_chinese() -> None:
    v = only(replace(CLEAN, talk=date(2022, 4, 11)), "development.talk_late")
    assert v.rule == "《中国共产党发展党员工作细则》（2014） 第2步 党组织派人谈话"
    assert v.severity == "error"
    assert v.field == "talk"
    assert "1个月内" in v.message


@pytest.mark.parametrize(
    ("talk", "late"),
    [(date(2022, 4, 9), False), (date(2022, 4, 10), False), (date(2022, 4, 11), True)],
)
def test_talk_within_one_month(talk: date, late: bool) -> None:
    assert ("development.talk_late" in codes(replace(CLEAN, talk=talk))) is late


def test_talk_month_end_clamps() -> None:
    case = DevelopmentDates(application=date(2024, 1, 31), talk=date(2024, 2, 29))
    assert "development.talk_late" not in codes(case)
    case = DevelopmentDates(application=date(2024, 1, 31), talk=date(2024, 3, 1))
    assert "development.talk_late" in codes(case)


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [(date(2022, 4, 10), False), (date(2022, 4, 11), True)],
)
def test_talk_overdue_only_while_nothing_later_is_recorded(as_of: date, overdue: bool) -> None:
    waiting = DevelopmentDates(application=date(2022, 3, 10))
    assert ("development.talk_overdue" in codes(waiting, as_of)) is overdue
    assert "development.talk_overdue" not in codes(waiting)  # no as_of: no deadline checks
    moved_on = replace(waiting, activist=date(2022, 5, 6))
    assert "development.talk_overdue" not in codes(moved_on, date(2023, 1, 1))


@pytest.mark.parametrize(
    ("birth", "under_age"),
    [(date(2004, 3, 11), True), (date(2004, 3, 10), False), (date(2004, 3, 9), False)],
)
def test_applicant_must_be_18(birth: date, under_age: bool) -> None:
    case = DevelopmentDates(birth_date=birth, application=date(2022, 3, 10))
    assert ("development.applicant_under_age" in codes(case)) is under_age


def test_applicant_born_on_leap_day_turns_18_on_28_february() -> None:
    born = date(2004, 2, 29)
    assert "development.applicant_under_age" in codes(
        DevelopmentDates(birth_date=born, application=date(2022, 2, 27))
    )
    assert "development.applicant_under_age" not in codes(
        DevelopmentDates(birth_date=born, application=date(2022, 2, 28))
    )


@pytest.mark.parametrize(
    ("activist", "under_age"),
    [(date(2022, 6, 14), True), (date(2022, 6, 15), False)],
)
def test_activist_must_be_18(activist: date, under_age: bool) -> None:
    case = DevelopmentDates(birth_date=date(2004, 6, 15), activist=activist)
    assert ("development.activist_under_age" in codes(case)) is under_age


def test_league_recommendation_is_a_local_warning_under_28() -> None:
    young = replace(CLEAN, birth_date=date(1994, 3, 11), youth_league_recommended=False)
    v = only(young, "development.league_recommendation_missing")
    assert v.severity == "warning"
    assert "本地规定" in v.message
    turned_28 = replace(young, birth_date=date(1994, 3, 10))
    assert "development.league_recommendation_missing" not in codes(turned_28)
    unknown = replace(young, youth_league_recommended=None)
    assert "development.league_recommendation_missing" not in codes(unknown)
    recommended = replace(young, youth_league_recommended=True)
    assert "development.league_recommendation_missing" not in codes(recommended)


@pytest.mark.parametrize(
    ("candidate", "too_early"),
    [(date(2023, 5, 5), True), (date(2023, 5, 6), False), (date(2023, 5, 7), False)],
)
def test_candidate_after_one_year_as_activist(candidate: date, too_early: bool) -> None:
    case = replace(CLEAN, candidate=candidate)
    assert ("development.candidate_too_early" in codes(case)) is too_early


def test_candidate_year_from_leap_day() -> None:
    case = DevelopmentDates(activist=date(2024, 2, 29), candidate=date(2025, 2, 27))
    assert "development.candidate_too_early" in codes(case)
    assert "development.candidate_too_early" not in codes(
        replace(case, candidate=date(2025, 2, 28))
    )


@pytest.mark.parametrize(("count", "wrong"), [(1, True), (2, False), (3, True)])
def test_two_introducers(count: int, wrong: bool) -> None:
    assert (
        "development.introducer_count" in codes(replace(CLEAN, introducer_count=count))
    ) is wrong


def test_no_introducers_yet_is_fine_before_admission() -> None:
    early = DevelopmentDates(application=date(2022, 3, 10), introducer_count=0)
    assert "development.introducer_count" not in codes(early)
    assert "development.introducer_count" in codes(replace(CLEAN, introducer_count=0))


def test_introducers_must_be_full_members() -> None:
    assert "development.introducer_not_full_member" in codes(
        replace(CLEAN, introducers_full_members=False)
    )


@pytest.mark.parametrize(
    ("end", "hours", "short"),
    [
        (date(2023, 6, 6), None, True),  # 2 days
        (date(2023, 6, 7), None, False),  # 3 days
        (date(2023, 6, 6), 24, False),  # 2 days but 24 class hours
        (date(2023, 6, 6), 23, True),
    ],
)
def test_training_three_days_or_24_hours(end: date, hours: int | None, short: bool) -> None:
    case = replace(CLEAN, training_end=end, training_hours=hours)
    assert ("development.training_too_short" in codes(case)) is short


@pytest.mark.parametrize(
    ("admission", "early"),
    [(date(2023, 6, 16), True), (date(2023, 6, 17), False), (date(2023, 6, 19), False)],
)
def test_admission_after_publicity_ends(admission: date, early: bool) -> None:
    case = replace(CLEAN, admission=admission, approval=None, conversion=None)
    assert ("development.admission_before_publicity_end" in codes(case)) is early


def test_publicity_period_is_working_days_and_configurable() -> None:
    assert publicity_end(date(2023, 6, 12)) == date(2023, 6, 16)
    assert publicity_end(date(2023, 6, 14)) == date(2023, 6, 20)  # Wednesday → Tuesday
    seven = DEFAULT_RULES.with_overrides({"publicity_working_days": 7})
    assert publicity_end(date(2023, 6, 12), seven) == date(2023, 6, 20)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"candidate": date(2022, 5, 1)}, "development.candidate_before_activist"),
        ({"activist": date(2022, 3, 1)}, "development.activist_before_application"),
        ({"talk": date(2022, 3, 9)}, "development.talk_before_application"),
        (
            {
                "admission": date(2023, 5, 7),
                "training_start": None,
                "training_end": None,
                "political_review": None,
                "publicity_start": None,
            },
            "development.admission_before_candidate",
        ),
        ({"political_review": date(2023, 6, 20)}, "development.admission_before_political_review"),
        ({"training_end": date(2023, 6, 4)}, "development.training_end_before_training_start"),
        ({"approval": date(2023, 6, 18)}, "development.approval_before_admission"),
        (
            {"cancelled": date(2023, 6, 1), "conversion": None},
            "development.cancelled_before_admission",
        ),
    ],
)
def test_dates_in_order(changes: dict[str, date | None], code: str) -> None:
    assert code in codes(replace(CLEAN, **changes))  # type: ignore[arg-type]


def test_order_violation_names_the_latest_predecessor_once() -> None:
    case = replace(
        CLEAN, admission=date(2023, 5, 1), approval=None, conversion=None, publicity_start=None
    )
    order = [v for v in check_development(case) if v.field == "admission"]
    assert [v.code for v in order] == ["development.admission_before_training_end"]
    assert "支部大会接收日期（2023-05-01）早于集中培训结束日期（2023-06-07）" in order[0].message


def test_same_day_is_in_order() -> None:
    case = DevelopmentDates(application=date(2022, 3, 10), talk=date(2022, 3, 10))
    assert check_development(case) == []


@pytest.mark.parametrize(
    ("approval", "code"),
    [
        (date(2023, 9, 19), None),  # exactly 3 months
        (date(2023, 9, 20), "development.approval_late"),
        (date(2023, 12, 19), "development.approval_late"),  # exactly 6 months
        (date(2023, 12, 20), "development.approval_beyond_limit"),
    ],
)
def test_approval_within_3_months_at_most_6(approval: date, code: str | None) -> None:
    found = codes(replace(CLEAN, approval=approval)) & {
        "development.approval_late",
        "development.approval_beyond_limit",
    }
    assert found == ({code} if code else set())


def test_approval_late_is_a_warning_beyond_limit_an_error() -> None:
    assert (
        only(replace(CLEAN, approval=date(2023, 10, 1)), "development.approval_late").severity
        == "warning"
    )
    assert (
        only(
            replace(CLEAN, approval=date(2024, 1, 1)), "development.approval_beyond_limit"
        ).severity
        == "error"
    )


@pytest.mark.parametrize(
    ("as_of", "code"),
    [
        (date(2023, 9, 19), None),
        (date(2023, 9, 20), "development.approval_pending_late"),
        (date(2023, 12, 19), "development.approval_pending_late"),
        (date(2023, 12, 20), "development.approval_pending_beyond_limit"),
    ],
)
def test_pending_approval(as_of: date, code: str | None) -> None:
    pending = replace(CLEAN, approval=None, conversion=None)
    found = {c for c in codes(pending, as_of) if c.startswith("development.approval_pending")}
    assert found == ({code} if code else set())


def test_approval_window_from_31_august() -> None:
    case = DevelopmentDates(admission=date(2023, 8, 31), approval=date(2023, 11, 30))
    assert "development.approval_late" not in codes(case)
    assert "development.approval_late" in codes(replace(case, approval=date(2023, 12, 1)))


def test_probation_end() -> None:
    assert probation_end(date(2023, 6, 19)) == date(2024, 6, 19)
    assert probation_end(date(2020, 2, 29)) == date(2021, 2, 28)
    assert probation_end(date(2023, 6, 19), date(2024, 12, 19)) == date(2024, 12, 19)


@pytest.mark.parametrize(
    ("conversion", "early"),
    [(date(2024, 6, 18), True), (date(2024, 6, 19), False), (date(2024, 6, 20), False)],
)
def test_conversion_not_before_probation_end(conversion: date, early: bool) -> None:
    case = replace(CLEAN, conversion=conversion)
    assert ("development.conversion_before_probation_end" in codes(case)) is early


def test_conversion_after_extension_ends() -> None:
    extended = replace(CLEAN, extension_until=date(2024, 12, 19), conversion=date(2024, 12, 18))
    assert "development.conversion_before_probation_end" in codes(extended)
    assert "development.conversion_before_probation_end" not in codes(
        replace(extended, conversion=date(2024, 12, 19))
    )


@pytest.mark.parametrize(
    ("until", "wrong"),
    [
        (date(2024, 12, 18), True),  # 6 months less a day
        (date(2024, 12, 19), False),  # 6 months
        (date(2025, 6, 19), False),  # 12 months
        (date(2025, 6, 20), True),  # more than a year
    ],
)
def test_extension_between_six_and_twelve_months(until: date, wrong: bool) -> None:
    case = replace(CLEAN, extension_until=until, conversion=None)
    assert ("development.extension_length" in codes(case)) is wrong


def test_extension_needs_admission() -> None:
    case = DevelopmentDates(application=date(2022, 3, 10), extension_until=date(2024, 1, 1))
    assert "development.extension_without_admission" in codes(case)


def test_converted_and_cancelled_is_an_error() -> None:
    assert "development.converted_and_cancelled" in codes(
        replace(CLEAN, cancelled=date(2024, 1, 1))
    )


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (date(2024, 6, 18), ConversionStatus.PROBATION),
        (date(2024, 6, 19), ConversionStatus.DUE),
        (date(2024, 6, 20), ConversionStatus.OVERDUE),
    ],
)
def test_conversion_status_around_the_due_day(as_of: date, status: ConversionStatus) -> None:
    probationer = replace(CLEAN, conversion=None)
    assert conversion_status(probationer, as_of) is status
    overdue = "development.conversion_overdue" in codes(probationer, as_of)
    assert overdue is (status is ConversionStatus.OVERDUE)


def test_conversion_status_final_and_extended() -> None:
    assert conversion_status(CLEAN, date(2030, 1, 1)) is ConversionStatus.CONVERTED
    cancelled = replace(CLEAN, conversion=None, cancelled=date(2024, 1, 1))
    assert conversion_status(cancelled, date(2030, 1, 1)) is ConversionStatus.CANCELLED
    assert "development.conversion_overdue" not in codes(cancelled, date(2030, 1, 1))
    extended = replace(CLEAN, conversion=None, extension_until=date(2024, 12, 19))
    assert conversion_status(extended, date(2024, 6, 20)) is ConversionStatus.EXTENDED
    assert conversion_status(extended, date(2024, 12, 19)) is ConversionStatus.DUE
    assert conversion_status(extended, date(2024, 12, 20)) is ConversionStatus.OVERDUE
    assert (
        conversion_status(DevelopmentDates(application=date(2022, 3, 10)), date(2030, 1, 1)) is None
    )
    assert ConversionStatus.OVERDUE.label == "逾期未转正"


def test_current_step_is_the_last_recorded() -> None:
    assert current_step(DevelopmentDates()) is None
    assert current_step(DevelopmentDates(application=date(2022, 3, 10))) == step(1)
    assert current_step(replace(CLEAN, approval=None, conversion=None)) == step(15)
    assert current_step(CLEAN) == step(23)
    # a later date counts even when an earlier one is missing (the workbook has no 政审 column)
    workbook_row = DevelopmentDates(application=date(2022, 3, 10), candidate=date(2023, 5, 8))
    assert current_step(workbook_row) == step(7)


def test_next_step_windows() -> None:
    empty = next_step(DevelopmentDates(birth_date=date(2004, 6, 15)))
    assert empty is not None
    assert (empty.step.number, empty.earliest, empty.latest) == (1, date(2022, 6, 15), None)

    applied = next_step(DevelopmentDates(application=date(2024, 1, 31)))
    assert applied == (step(2), date(2024, 1, 31), date(2024, 2, 29))

    activist = next_step(DevelopmentDates(application=date(2022, 3, 10), activist=date(2022, 5, 6)))
    assert activist == (step(7), date(2023, 5, 6), None)

    candidate = next_step(
        DevelopmentDates(
            application=date(2022, 3, 10), activist=date(2022, 5, 6), candidate=date(2023, 5, 8)
        )
    )
    assert candidate is not None and candidate.step.number == 10

    publicised = next_step(replace(CLEAN, admission=None, approval=None, conversion=None))
    assert publicised == (step(15), date(2023, 6, 17), None)

    admitted = next_step(replace(CLEAN, approval=None, conversion=None))
    assert admitted == (step(17), date(2023, 6, 19), date(2023, 9, 19))

    approved = next_step(replace(CLEAN, conversion=None))
    assert approved == (step(23), date(2024, 6, 19), date(2024, 6, 19))

    extended = next_step(replace(CLEAN, conversion=None, extension_until=date(2025, 1, 10)))
    assert extended is not None and extended.earliest == date(2025, 1, 10)

    assert next_step(CLEAN) is None
    assert next_step(replace(CLEAN, conversion=None, cancelled=date(2024, 1, 1))) is None


@pytest.mark.parametrize(("present", "valid"), [(5, False), (6, True)])
def test_admission_meeting_quorum_more_than_half(present: int, valid: bool) -> None:
    assert admission_meeting_valid(10, present) is valid


@pytest.mark.parametrize(("votes", "adopted"), [(4, False), (5, True)])
def test_admission_adopted_by_more_than_half_of_full_members(votes: int, adopted: bool) -> None:
    assert admission_meeting_adopted(9, votes) is adopted
    assert admission_meeting_adopted(8, 4) is False


def test_violations_split_by_severity() -> None:
    found = check_development(
        replace(CLEAN, talk=date(2022, 4, 11), approval=date(2023, 10, 1)), as_of=date(2025, 1, 1)
    )
    assert [v.code for v in errors_of(found)] == ["development.talk_late"]
    assert [v.code for v in warnings_of(found)] == ["development.approval_late"]
    assert has_errors(found)
    assert not has_errors(warnings_of(found))
