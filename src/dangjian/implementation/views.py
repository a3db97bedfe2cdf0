from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.audit import record_event
from dangjian.core.models import AccessKind
from dangjian.core.scoping import VIEW
from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from . import progress
from .filters import InstructionFilterSet, MeasureFilterSet
from .forms import CheckInForm, InstructionForm, MeasureForm
from .models import CheckIn, Instruction, Measure


class InstructionListView(LedgerListView):
    model = Instruction
    filterset_class = InstructionFilterSet
    related = ("organization",)
    create_url_name = "implementation:instruction_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("kind", sort="kind"),
        Column("title", link=True),
        Column("issued_on", sort="issued_on"),
        Column("organization.name", _("牵头组织"), sort="organization__path", phone=False),
        Column("rollup.measures", _("措施数"), phone=False),
        Column("rollup.done", _("已完成"), phone=False),
        Column("rollup.overdue", _("逾期措施")),
        Column("rollup.label", _("落实进度")),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["object_list"])
        found = progress.rollups([obj.pk for obj in rows])  # one query for the page
        for obj in rows:
            obj.rollup = found.get(obj.pk, progress.EMPTY)
        context["object_list"] = rows
        return context


class InstructionDetailView(LedgerDetailView):
    model = Instruction
    related = ("organization",)
    template_name = "implementation/instruction_detail.html"
    edit_url_name = "implementation:instruction_edit"
    delete_url_name = "implementation:instruction_delete"
    fields = (
        "code",
        "kind",
        "title",
        "source",
        "issued_on",
        "organization",
        Column("rollup.label", _("落实进度")),
    )

    def get_context_data(self, **kwargs):
        today = clock.today()
        self.object.rollup = progress.rollups([self.object.pk], on=today)[self.object.pk]
        context = super().get_context_data(**kwargs)
        measures = list(
            progress.with_progress(self.object.measures.all()).order_by("deadline", "code")
        )
        for measure in measures:
            measure.progress = progress.measure_progress(
                done=measure.is_done, latest=measure.latest_progress
            )
        context["measures"] = measures
        return context


class InstructionCreateView(LedgerCreateView):
    model = Instruction
    form_class = InstructionForm
    list_url_name = "implementation:instruction_list"


class InstructionUpdateView(LedgerUpdateView):
    model = Instruction
    form_class = InstructionForm


class InstructionDeleteView(LedgerDeleteView):
    model = Instruction
    list_url_name = "implementation:instruction_list"


class MeasureListView(LedgerListView):
    model = Measure
    filterset_class = MeasureFilterSet
    related = ("instruction",)
    create_url_name = "implementation:measure_create"
    title = _("落实措施")
    columns = (
        Column("code", link=True, sort="code"),
        Column("instruction.title", _("贯彻落实事项")),
        Column("content", link=True),
        Column("owner", phone=False),
        Column("deadline", sort="deadline"),
        Column("status", sort="status"),
        Column("progress_label", _("进度")),
        Column("overdue_label", _("是否逾期")),
    )

    def get_queryset(self):
        return progress.with_progress(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["object_list"])
        for measure in rows:
            measure.progress_label = f"{progress.measure_progress(done=measure.is_done, latest=measure.latest_progress)}%"
        context["object_list"] = rows
        return context


class MeasureDetailView(LedgerDetailView):
    model = Measure
    related = ("instruction", "instruction__organization")
    template_name = "implementation/measure_detail.html"
    edit_url_name = "implementation:measure_edit"
    delete_url_name = "implementation:measure_delete"
    fields = (
        "code",
        "instruction",
        "content",
        "owner",
        "deadline",
        "status",
        "completed_on",
        Column("progress_label", _("进度")),
        Column("overdue_label", _("是否逾期")),
    )

    def get_queryset(self):
        return progress.with_progress(super().get_queryset())

    def get_context_data(self, **kwargs):
        self.object.progress_label = f"{progress.measure_progress(done=self.object.is_done, latest=self.object.latest_progress)}%"
        context = super().get_context_data(**kwargs)
        context["checkins"] = list(self.object.checkins.all())
        return context


class MeasureCreateView(LedgerCreateView):
    model = Measure
    form_class = MeasureForm
    list_url_name = "implementation:measure_list"


class MeasureUpdateView(LedgerUpdateView):
    model = Measure
    form_class = MeasureForm


class MeasureDeleteView(LedgerDeleteView):
    model = Measure
    list_url_name = "implementation:measure_list"


class CheckInCreateView(LedgerCreateView):
    model = CheckIn
    form_class = CheckInForm
    list_url_name = "implementation:measure_list"


class CheckInUpdateView(LedgerUpdateView):
    model = CheckIn
    form_class = CheckInForm


class CheckInDeleteView(LedgerDeleteView):
    model = CheckIn
    list_url_name = "implementation:measure_list"

    def get_success_url(self):
        return self.object.measure.get_absolute_url()


@login_required
def checkin_evidence(request, pk: int):
    checkin = get_object_or_404(CheckIn.objects.visible_to(request.user, VIEW), pk=pk)
    if not checkin.evidence_file:
        raise Http404
    try:
        handle = checkin.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    record_event(request, AccessKind.EXPORT, f"督导佐证下载：{checkin}")
    return FileResponse(
        handle, as_attachment=True, filename=checkin.evidence_file_name or "evidence"
    )
