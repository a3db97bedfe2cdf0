"""Pure rules: dates and numbers in, decisions out.

No Django, no ORM: forms, the API, the workbook importer, reminders and the annual report all
call these functions with plain values. Each rule cites its source as DOMAIN.md gives it; every
number a hospital may set differently lives in :class:`RuleConfig`.
"""

from .config import DEFAULT_RULES, RuleConfig
from .dates import (
    add_months,
    add_working_days,
    add_years,
    age_on,
    month_bounds,
    months_between,
    quarter_bounds,
    quarter_of,
    year_bounds,
)
from .decisions import DecisionCategory, check_decision, check_pre_study, has_quorum, is_adopted
from .development import (
    STAGES,
    STEPS,
    ConversionStatus,
    DevelopmentDates,
    NextStep,
    Step,
    check_development,
    conversion_status,
    current_step,
    next_step,
    probation_end,
)
from .dues import ArrearsStatus, DuesCategory, arrears_status, monthly_dues, unpaid_months
from .elections import (
    ElectionState,
    ElectionStatus,
    election_meeting_valid,
    election_reminders,
    election_status,
    is_overdue_at,
    term_end,
)
from .orglife import (
    Attendance,
    AttendanceTally,
    ComplianceRow,
    ComplianceStatus,
    attendance_rate,
    committee_meeting_has_quorum,
    compliance,
    required_count,
    tally,
)
from .rounding import percentage, round_half_up
from .violations import Violation, has_errors
from .vocabulary import THREE_MEETINGS_ONE_LESSON, Frequency, MeetingType, OrgType

__all__ = [
    "DEFAULT_RULES",
    "STAGES",
    "STEPS",
    "THREE_MEETINGS_ONE_LESSON",
    "ArrearsStatus",
    "Attendance",
    "AttendanceTally",
    "ComplianceRow",
    "ComplianceStatus",
    "ConversionStatus",
    "DecisionCategory",
    "DevelopmentDates",
    "DuesCategory",
    "ElectionState",
    "ElectionStatus",
    "Frequency",
    "MeetingType",
    "NextStep",
    "OrgType",
    "RuleConfig",
    "Step",
    "Violation",
    "add_months",
    "add_working_days",
    "add_years",
    "age_on",
    "arrears_status",
    "attendance_rate",
    "check_decision",
    "check_development",
    "check_pre_study",
    "committee_meeting_has_quorum",
    "compliance",
    "conversion_status",
    "current_step",
    "election_meeting_valid",
    "election_reminders",
    "election_status",
    "has_errors",
    "has_quorum",
    "is_adopted",
    "is_overdue_at",
    "month_bounds",
    "monthly_dues",
    "months_between",
    "next_step",
    "percentage",
    "probation_end",
    "quarter_bounds",
    "quarter_of",
    "required_count",
    "round_half_up",
    "tally",
    "term_end",
    "unpaid_months",
    "year_bounds",
]
