from django.utils.translation import gettext_lazy as _

from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from .filters import IndicatorValueFilterSet, OpinionEventFilterSet
from .forms import IndicatorValueForm, OpinionEventForm
from .models import COMMON_OPINION_SOURCES, IndicatorValue, OpinionEvent


class IndicatorValueListView(LedgerListView):
    model = IndicatorValue
    filterset_class = IndicatorValueFilterSet
    related = ("organization",)
    create_url_name = "indicators:value_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("indicator", sort="indicator"),
        Column("year", sort="year"),
        Column("period", sort="period"),
        Column("value", sort="value"),
        Column("unit", phone=False),
    )


class IndicatorValueDetailView(LedgerDetailView):
    model = IndicatorValue
    related = ("organization",)
    edit_url_name = "indicators:value_edit"
    delete_url_name = "indicators:value_delete"
    fields = ("code", "organization", "indicator", "year", "period", "value", "unit", "note")


class IndicatorValueCreateView(LedgerCreateView):
    model = IndicatorValue
    form_class = IndicatorValueForm
    list_url_name = "indicators:value_list"


class IndicatorValueUpdateView(LedgerUpdateView):
    model = IndicatorValue
    form_class = IndicatorValueForm


class IndicatorValueDeleteView(LedgerDeleteView):
    model = IndicatorValue
    list_url_name = "indicators:value_list"


class OpinionEventListView(LedgerListView):
    model = OpinionEvent
    filterset_class = OpinionEventFilterSet
    related = ("organization",)
    create_url_name = "indicators:opinion_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("date", sort="date"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("source", sort="source"),
        Column("content", link=True),
        Column("handled_on", sort="handled_on", phone=False),
    )


class OpinionEventDetailView(LedgerDetailView):
    model = OpinionEvent
    related = ("organization",)
    edit_url_name = "indicators:opinion_edit"
    delete_url_name = "indicators:opinion_delete"
    fields = (
        "code",
        "organization",
        "date",
        "source",
        "content",
        "handling",
        "result",
        "handled_on",
    )


class _SourcesMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datalists"] = {"opinion-sources": COMMON_OPINION_SOURCES}
        return context


class OpinionEventCreateView(_SourcesMixin, LedgerCreateView):
    model = OpinionEvent
    form_class = OpinionEventForm
    list_url_name = "indicators:opinion_list"


class OpinionEventUpdateView(_SourcesMixin, LedgerUpdateView):
    model = OpinionEvent
    form_class = OpinionEventForm


class OpinionEventDeleteView(LedgerDeleteView):
    model = OpinionEvent
    list_url_name = "indicators:opinion_list"
