"""One log line per request on stdout: request id, user, client address, status and duration.

The request id comes from the reverse proxy's ``X-Request-ID`` when it sends a sane one (nginx's
``$request_id``, see deploy/nginx.conf), so that nginx's and the application's lines can be matched;
otherwise one is made here. It is returned in the response's ``X-Request-ID`` header and added to every
log record written while the request runs (``RequestContextFilter``), errors included.
``DANGJIAN_LOG_JSON=true`` writes each record as one JSON object instead of a text line.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid

from django.utils.functional import SimpleLazyObject, empty

logger = logging.getLogger("dangjian.request")

_current: contextvars.ContextVar[dict | None] = contextvars.ContextVar("request", default=None)
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
FIELDS = ("request_id", "user", "client", "method", "path", "status", "duration_ms")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from dangjian.core.audit import client_ip

        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SANE_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        context = {
            "request_id": request_id,
            "request": request,
            "client": client_ip(request) or "-",
        }
        token = _current.set(context)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            status = response.status_code
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                status,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            _current.reset(token)


def _username(request) -> str:
    user = request.__dict__.get("user")
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return "-"  # never looked at: reading it now would cost a session and a user query
    if user is not None and user.is_authenticated:
        return user.get_username()
    return "-"


class RequestContextFilter(logging.Filter):
    """Adds the running request's id, user and client address to every record (``-`` outside)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get() or {}
        if not hasattr(record, "request_id"):
            record.request_id = context.get("request_id", "-")
        if not hasattr(record, "client"):
            record.client = context.get("client", "-")
        if not hasattr(record, "user"):
            # Read when the record is written: the user is known once authentication has run.
            record.user = _username(context["request"]) if "request" in context else "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
