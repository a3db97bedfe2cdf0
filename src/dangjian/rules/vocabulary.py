"""Closed vocabularies shared by the configuration and the rules.

The values are the Chinese names used in the ledger workbook (see the workbook spec), so a
value read from a cell compares equal to the enum member: ``OrgType("党支部")``.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["THREE_MEETINGS_ONE_LESSON", "Frequency", "MeetingType", "OrgType"]


class OrgType(StrEnum):
    """组织类型 in the workbook's 党组织 sheet."""

    COMMITTEE = "党委"
    GENERAL_BRANCH = "党总支"
    BRANCH = "党支部"
    GROUP = "党小组"


class MeetingType(StrEnum):
    """组织生活 类型, exactly as the workbook spec lists them."""

    BRANCH_GENERAL_MEETING = "支部党员大会"
    BRANCH_COMMITTEE_MEETING = "支部委员会会议"
    GROUP_MEETING = "党小组会"
    PARTY_LECTURE = "党课"
    THEMED_PARTY_DAY = "主题党日"
    ORGANISATIONAL_LIFE_MEETING = "组织生活会"
    MEMBER_EVALUATION = "民主评议党员"
    DEMOCRATIC_LIFE_MEETING = "民主生活会"
    COMMITTEE_MEETING = "党委会"
    CENTRAL_GROUP_STUDY = "理论学习中心组学习"
    FIRST_TOPIC_STUDY = "第一议题学习"
    SEMINAR = "专题研讨"
    PARTY_BUILDING_MEETING = "党建专题会议"
    LECTURE_TOUR = "宣讲"
    WARNING_EDUCATION = "警示教育"


#: 三会一课: the four meetings the report sums as ``meetings.三会一课``.
THREE_MEETINGS_ONE_LESSON: frozenset[MeetingType] = frozenset(
    {
        MeetingType.BRANCH_GENERAL_MEETING,
        MeetingType.BRANCH_COMMITTEE_MEETING,
        MeetingType.GROUP_MEETING,
        MeetingType.PARTY_LECTURE,
    }
)


class Frequency(StrEnum):
    """How often a meeting is required: once per month, quarter or year."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def label(self) -> str:
        """Chinese label: 每月, 每季度, 每年."""
        return {"month": "每月", "quarter": "每季度", "year": "每年"}[self.value]
