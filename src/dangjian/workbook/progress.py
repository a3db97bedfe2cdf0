"""A progress bar on the terminal (rich) for large workbooks; silent when output is not a TTY."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .importer import Progress


@contextmanager
def terminal_progress(stream) -> Iterator[Progress | None]:
    """Yield a progress callback drawing a rich bar, or None when ``stream`` is not a terminal
    (tests, pipes, cron), so that captured output holds only errors, warnings and the summary."""
    isatty = getattr(stream, "isatty", None)
    if not (callable(isatty) and isatty()):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as bar:
        tasks: dict[str, int] = {}

        def update(sheet: str, done: int, total: int | None) -> None:
            if sheet not in tasks:
                tasks[sheet] = bar.add_task(sheet, total=total)
            bar.update(tasks[sheet], completed=done, total=total)

        yield update
