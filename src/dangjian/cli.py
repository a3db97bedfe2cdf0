"""The `dangjian` console script: Django's management commands with the project's settings preset.

Every word is a management command — Django's (migrate, createsuperuser, runserver, check …)
or the project's own (serve, upgrade, import, export, template, demo, report, ingest, remind …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangjian.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "dangjian"
    if argv[1:] in (["--version"], ["-V"]):  # Django's own --version would print Django's
        from dangjian import __version__

        print(f"dangjian {__version__}")
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
