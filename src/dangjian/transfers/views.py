from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)
from dangjian.organizations.models import Organization

from . import services
from .filters import TransferFilterSet
from .forms import TransferEditForm, TransferForm
from .models import Transfer
from .selectors import member_periods


class TransferListView(LedgerListView):
    model = Transfer
    filterset_class = TransferFilterSet
    related = ("member", "from_org", "to_org")
    create_url_name = "transfers:transfer_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("date", sort="date"),
        Column("kind", sort="kind"),
        Column("member.name", _("党员"), link=True, sort="member__member_no"),
        Column("from_org.name", _("转出组织"), phone=False),
        Column("to_org.name", _("转入组织"), phone=False),
        Column("letter_no", phone=False),
    )


class TransferDetailView(LedgerDetailView):
    model = Transfer
    template_name = "transfers/transfer_detail.html"
    related = ("member", "from_org", "to_org")
    edit_url_name = "transfers:transfer_edit"
    delete_url_name = "transfers:transfer_delete"
    fields = (
        "code",
        "member",
        "kind",
        "date",
        "from_org",
        "from_unit",
        "to_org",
        "to_unit",
        "letter_no",
        "note",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        periods = member_periods(self.object.member)
        names = dict(
            Organization.objects.filter(pk__in={p.org for p in periods}).values_list("pk", "name")
        )
        context["periods"] = [
            {"org": names.get(p.org, ""), "start": p.start, "until": p.until} for p in periods
        ]
        return context


class TransferCreateView(LedgerCreateView):
    model = Transfer
    form_class = TransferForm
    list_url_name = "transfers:transfer_list"

    def get_initial(self):
        initial = super().get_initial()
        initial.pop("organization", None)
        return initial

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValueError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)


class TransferUpdateView(LedgerUpdateView):
    model = Transfer
    form_class = TransferEditForm


class TransferDeleteView(LedgerDeleteView):
    model = Transfer
    list_url_name = "transfers:transfer_list"

    def form_valid(self, form):
        label = str(self.object)
        try:
            services.transfer_delete(transfer=self.object)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _g("已删除：%(obj)s") % {"obj": label})
        return HttpResponseRedirect(self.get_success_url())
