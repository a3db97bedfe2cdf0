"""Keep the stored yearly total of a member in step with their manual adjustments.

A signal rather than a service call, because adjustments are written by the pages, the API and
the admin alike. The workbook importer writes in bulk (no signals): after importing a 积分调整
sheet run ``dangjian points recompute --year YYYY``, which rebuilds every total of the year.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import PointAdjustment


@receiver(post_save, sender=PointAdjustment)
@receiver(post_delete, sender=PointAdjustment)
def _adjustment_changed(sender, instance: PointAdjustment, **kwargs) -> None:
    from . import points

    points.recompute(instance.year, member_ids=[instance.member_id])
    # An edit may have moved the adjustment to another member or year: refresh the old one too.
    previous = getattr(instance, "_loaded", None)
    if previous and previous != (instance.member_id, instance.year):
        points.recompute(previous[1], member_ids=[previous[0]])
