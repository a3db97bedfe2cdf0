"""Planner statistics after bulk loads.

PostgreSQL plans a join from its statistics of each table. Right after tens of thousands of rows
arrive in one transaction (the demo loader, a large import) those statistics still describe the
empty tables, and the planner chooses nested loops that compare every organisation with every
row: a bureau's annual report took 25 s instead of 12 s until autovacuum got round to it.
SQLite keeps no statistics until asked and then plans better too. So the loaders refresh them
as their last step.
"""

from __future__ import annotations

from django.db import connection

#: An import that writes at least this many rows refreshes the statistics.
ANALYZE_AFTER_ROWS = 10_000


def refresh_planner_statistics() -> None:
    """``ANALYZE`` the database (outside any transaction the caller still holds open is best)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
