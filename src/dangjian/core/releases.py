"""Released versions and the database migration state each one left behind.

`dangjian upgrade` names the release a database comes from; the upgrade test builds a database at
the previous release's state and upgrades it. When a release is made, add its state here (the last
migration of every app at that release) and its entry to CHANGELOG.md.
"""

from __future__ import annotations

# Version → {app label: last migration applied by that release}. Apps absent from a release's
# state had no migrations yet (their tables are created by the upgrade).
RELEASES: dict[str, dict[str, str]] = {
    # 0.1.0: commit 82c4bdf (2026-11-23), the first state with every ledger.
    "0.1.0": {
        "compliance": "0001_initial",
        "core": "0001_initial",
        "decisions": "0002_historicalmajordecision_president_meeting_on_and_more",
        "development": "0002_developmentcase_approval_delay_reason_and_more",
        "dues": "0001_initial",
        "evaluations": "0001_initial",
        "implementation": "0001_initial",
        "indicators": "0002_default_indicators",
        "integrity": "0001_initial",
        "organizations": "0002_historicalprofile_must_change_password_and_more",
        "orglife": "0002_event_attachment",
        "outreach": "0001_initial",
        "recognition": "0001_initial",
        "rectification": "0002_historicalrectificationitem_evidence_and_more",
        "reports": "0001_initial",
        "transfers": "0001_initial",
    },
}

PREVIOUS_RELEASE = "0.1.0"


def release_of(applied: dict[str, set[str]]) -> str | None:
    """The release whose migration state equals ``applied`` (app → applied migration names) for
    the project's apps, or None when the database is at no released state."""
    for version, state in RELEASES.items():
        if all(_last(applied.get(app, set())) == name for app, name in state.items()):
            return version
    return None


def _last(names: set[str]) -> str | None:
    return max(names) if names else None
