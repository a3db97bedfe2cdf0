"""`/healthz`: what a hospital's monitoring asks every minute, without a login.

200 with ``"status": "ok"`` when the database answers, every migration is applied and the folders for
uploads and backups have room; 503 with ``"status": "fail"`` and the failing check otherwise. No paths,
names or data are shown: the page is open to anyone who can reach the server.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dangjian import __version__

MB = 1024 * 1024


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database()}
    checks["migrations"] = (
        _migrations() if checks["database"]["ok"] else {"ok": False, "error": "数据库不可用"}
    )
    minimum = settings.DANGJIAN_HEALTH_MIN_FREE_MB
    checks["disk_uploads"] = _disk(Path(settings.MEDIA_ROOT), minimum)
    checks["disk_backups"] = _disk(Path(settings.DANGJIAN_BACKUP_DIR), minimum)
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "version": __version__, "checks": checks},
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": f"数据库连接失败：{type(error).__name__}"}
    return {"ok": True}


def _migrations() -> dict:
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return {"ok": False, "error": f"读取迁移记录失败：{type(error).__name__}"}
    unapplied = [f"{m.app_label}.{m.name}" for m, backwards in plan if not backwards]
    if unapplied:
        return {
            "ok": False,
            "unapplied": unapplied,
            "error": "有未执行的数据库迁移，请运行 dangjian upgrade",
        }
    return {"ok": True}


def _disk(path: Path, minimum_mb: int) -> dict:
    # The folder may not exist yet (no upload so far): its nearest existing parent holds the space.
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    free_mb = shutil.disk_usage(existing).free // MB
    result = {"ok": free_mb >= minimum_mb, "free_mb": free_mb, "min_free_mb": minimum_mb}
    if not result["ok"]:
        result["error"] = f"可用空间 {free_mb} MB，低于下限 {minimum_mb} MB"
    return result
