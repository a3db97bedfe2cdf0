"""Shared model plumbing: the audited ledger base and the history base that records the IP."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .scoping import ScopedQuerySet


class AuditedHistoryBase(models.Model):
    """Every historical row (one per create/update/delete) also keeps the client's IP address."""

    ip_address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)

    class Meta:
        abstract = True


def audit_history() -> HistoricalRecords:
    """The one audit mechanism every ledger model shares (django-simple-history)."""
    return HistoricalRecords(bases=[AuditedHistoryBase], inherit=False)


class LedgerModel(models.Model):
    """Base of every ledger row: timestamps, an optimistic-lock version and scoped querysets."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
