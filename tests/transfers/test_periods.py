"""The pure membership-history rules: a transfer takes effect on its date."""

import datetime as dt

from dangjian.transfers.periods import IN, INTERNAL, OUT, Move, Period, membership_periods, org_on

A, B, C = 1, 2, 3
JUL1 = dt.date(2025, 7, 1)


def test_without_transfers_the_member_is_where_they_are_now():
    assert org_on(dt.date(2000, 1, 1), A, []) == A
    assert membership_periods(A, []) == [Period(A, None, None)]


def test_an_internal_transfer_counts_from_its_date():
    moves = [Move(JUL1, INTERNAL, A, B)]
    assert org_on(dt.date(2025, 6, 30), B, moves) == A
    assert org_on(JUL1, B, moves) == B
    assert membership_periods(B, moves) == [
        Period(A, None, dt.date(2025, 6, 30)),
        Period(B, JUL1, None),
    ]


def test_transfer_in_from_outside_and_out_of_the_hospital():
    moves = [Move(dt.date(2024, 3, 1), IN, None, A), Move(JUL1, OUT, A, None)]
    # The Member row keeps its last organisation (A) after a 转出.
    assert org_on(dt.date(2024, 2, 29), A, moves) is None
    assert org_on(dt.date(2024, 3, 1), A, moves) == A
    assert org_on(dt.date(2025, 6, 30), A, moves) == A
    assert org_on(JUL1, A, moves) is None
    assert membership_periods(A, moves) == [Period(A, dt.date(2024, 3, 1), dt.date(2025, 6, 30))]


def test_several_moves_and_a_return():
    moves = [
        Move(dt.date(2023, 1, 10), INTERNAL, A, B),
        Move(dt.date(2024, 5, 1), OUT, B, None),
        Move(dt.date(2025, 2, 1), IN, None, C),
    ]
    assert [
        org_on(d, C, moves)
        for d in (
            dt.date(2023, 1, 9),
            dt.date(2023, 1, 10),
            dt.date(2024, 4, 30),
            dt.date(2024, 5, 1),
            dt.date(2025, 1, 31),
            dt.date(2025, 2, 1),
        )
    ] == [A, B, B, None, None, C]
    assert membership_periods(C, moves) == [
        Period(A, None, dt.date(2023, 1, 9)),
        Period(B, dt.date(2023, 1, 10), dt.date(2024, 4, 30)),
        Period(C, dt.date(2025, 2, 1), None),
    ]


def test_two_moves_on_one_day_leave_no_empty_period():
    moves = [Move(JUL1, INTERNAL, A, B), Move(JUL1, INTERNAL, B, C)]
    assert org_on(JUL1, C, moves) == C
    assert org_on(dt.date(2025, 6, 30), C, moves) == A
    assert membership_periods(C, moves) == [
        Period(A, None, dt.date(2025, 6, 30)),
        Period(C, JUL1, None),
    ]
